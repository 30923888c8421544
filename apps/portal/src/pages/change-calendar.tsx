import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, addMonths, dayAfterKey, dayKeyOf, monthWeeks, rangeOf, spansByDay, weekDays } from '../change/calendar-layout';
import type { DayKey } from '../change/calendar-layout';
import { calendarItems, unknownChangeIds } from '../change/calendar-items';
import type { CalendarItem } from '../change/calendar-items';
import { ConflictBadge, messageOf } from '../change/change-components';
import { allPages } from '../api/paging';
import type { Page } from '../api/paging';
import type { CalendarChange, CalendarData, ConflictSummary } from '../change/change-types';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';

type View = 'month' | 'week';
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const dateOf = (day: DayKey) => new Date(`${day}T12:00:00Z`);
/** Item types differ by a visible mark and word, not by colour alone (WCAG 1.4.1). */
const KIND_ICON: Record<CalendarItem['kind'], string> = { change: '●', maintenance: '◷', blackout: '⛔' };

/** The change calendar: month and week views of changes, maintenance window occurrences and blackouts, conflicts marked as the API reports them. */
export function ChangeCalendar() {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const today = dayKeyOf(new Date(), TIME_ZONE);
  const [view, setView] = useState<View>('month');
  const [focused, setFocused] = useState<DayKey>(today);
  const [selected, setSelected] = useState<DayKey | undefined>(undefined);
  const [items, setItems] = useState<readonly CalendarItem[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const moved = useRef(false);
  const grid = useRef<HTMLTableElement>(null);

  const weeks = useMemo(() => (view === 'month' ? monthWeeks(focused) : [weekDays(focused)]), [view, focused]);
  const days = useMemo(() => weeks.flat(), [weeks]);
  const first = days[0] ?? focused;
  const last = days[days.length - 1] ?? focused;

  useEffect(() => {
    let current = true;
    const { from, to } = rangeOf([first, last], TIME_ZONE);
    const range = { from: from.toISOString(), to: to.toISOString() };
    setError(undefined);
    // A new range starts empty: no items (nor conflict count) of the previous one next to an error.
    setItems(undefined);
    const load = async () => {
      const [data, paged] = await Promise.all([
        client.request<CalendarData>('ChangeCalendar', range),
        allPages((after) => client.request<{ changes: Page<CalendarChange> }>('CalendarChanges', { ...range, after }).then((answer) => answer.changes)),
      ]);
      const known = new Map(paged.nodes.map((change) => [change.id, change]));
      // Exactly the calendar's changes: any the list did not answer are read one by one.
      const rest = await Promise.all(
        unknownChangeIds(data, known).map((id) =>
          client.request<{ change: { id: string; title: string; state: CalendarChange['state'] }; changeConflicts: readonly ConflictSummary[] }>('CabItemChange', { id }).then((answer) => ({ ...answer.change, conflicts: answer.changeConflicts })),
        ),
      );
      for (const change of rest) known.set(change.id, change);
      return calendarItems(data, known);
    };
    load().then(
      (loaded) => current && setItems(loaded),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, first, last]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${focused}"]`)?.focus();
  }, [focused, days]);

  const byDay = useMemo(() => spansByDay(items ?? [], days, TIME_ZONE), [items, days]);
  const longDay = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: TIME_ZONE });
  const title =
    view === 'month'
      ? new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dateOf(focused))
      : `${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(dateOf(first))} – ${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(dateOf(last))}`;
  const conflicting = new Set((items ?? []).filter((item) => item.conflicts.length > 0).map((item) => item.key)).size;

  const move = (to: DayKey) => {
    moved.current = true;
    setFocused(to);
  };
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, day: DayKey) => {
    const to = dayAfterKey(day, event.key);
    if (to === undefined) return;
    event.preventDefault();
    move(to);
  };
  const page = (direction: 1 | -1) => setFocused(view === 'month' ? addMonths(focused, direction) : addDays(focused, 7 * direction));
  const itemLine = (item: CalendarItem, withTime: boolean) => (
    <li key={item.key} className={`cal-item cal-${item.kind}${item.conflicts.length > 0 ? ' cal-conflict' : ''}`} data-kind={item.kind}>
      {withTime && <span className="cal-time">{`${time.format(new Date(item.start))}–${time.format(new Date(item.end))} `}</span>}
      <span className="cal-kind">
        <span aria-hidden="true">{KIND_ICON[item.kind]} </span>
        {t(`change.calendar.short.${item.kind}`)}:{' '}
      </span>
      {item.changeId === undefined ? item.label : <ChangeLink id={item.changeId} label={item.label} />}
      {withTime && item.detail !== '' && <span className="cal-detail"> {item.detail}</span>} <ConflictBadge conflicts={item.conflicts} />
    </li>
  );
  const selectedItems = selected === undefined ? [] : (byDay.get(selected) ?? []);

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t('change.calendar.title')}</h1>
      <div className="cal-bar">
        <div role="group" aria-label={t('change.calendar.view')} className="buttons">
          {(['month', 'week'] as const).map((option) => (
            <button key={option} type="button" className={view === option ? undefined : 'secondary-dark'} aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`change.calendar.${option}`)}
            </button>
          ))}
        </div>
        <div className="buttons">
          <button type="button" className="secondary-dark" onClick={() => page(-1)}>
            {t('change.calendar.previous')}
          </button>
          <button type="button" className="secondary-dark" onClick={() => setFocused(today)}>
            {t('change.calendar.today')}
          </button>
          <button type="button" className="secondary-dark" onClick={() => page(1)}>
            {t('change.calendar.next')}
          </button>
        </div>
      </div>
      <h2 id="calendar-range">{title}</h2>
      <p className="hint">
        {t('change.calendar.timeZone', { zone: TIME_ZONE })}. {t('change.calendar.keys')}
      </p>
      <ul className="legend" aria-label={t('change.calendar.legend')}>
        {(['change', 'maintenance', 'blackout'] as const).map((kind) => (
          <li key={kind} className={`cal-item cal-${kind}`}>
            <span aria-hidden="true">{KIND_ICON[kind]} </span>
            {t(`change.calendar.short.${kind}`)}: {t(`change.calendar.${kind}`)}
          </li>
        ))}
        <li className="cal-item cal-change cal-conflict">{t('change.conflict.badge')}</li>
      </ul>
      <Alert messages={error === undefined ? [] : [t('common.error', { message: error })]} />
      <p role="status" data-testid="calendar-status">
        {items === undefined ? t('common.loading') : t('change.calendar.conflicting', { count: conflicting })}
      </p>
      <div className="scroll">
        <table ref={grid} className={`calendar calendar-${view}`} aria-labelledby="calendar-range">
          <thead>
            <tr>
              {(weeks[0] ?? []).map((day) => (
                <th key={day} scope="col">
                  {weekday.format(dateOf(day))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const dayItems = byDay.get(day) ?? [];
                  const outside = view === 'month' && day.slice(0, 7) !== focused.slice(0, 7);
                  return (
                    <td key={day} className={`${outside ? 'outside' : ''}${day === today ? ' today' : ''}`} data-day={day}>
                      <button
                        type="button"
                        className="day"
                        data-day={day}
                        tabIndex={day === focused ? 0 : -1}
                        aria-current={day === today ? 'date' : undefined}
                        aria-pressed={day === selected}
                        aria-label={`${longDay.format(dateOf(day))}, ${t('change.calendar.items', { count: dayItems.length })}`}
                        onKeyDown={(event) => onKey(event, day)}
                        onFocus={() => setFocused(day)}
                        onClick={() => setSelected(day)}
                      >
                        <span className="day-name">{weekday.format(dateOf(day))} </span>
                        {Number(day.slice(8))}
                      </button>
                      {dayItems.length > 0 && <ul className="plain cal-items">{dayItems.map((item) => itemLine(item, view === 'week'))}</ul>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div aria-live="polite" className={selected === undefined ? undefined : 'card'}>
        {selected !== undefined && (
          <>
            <h2 id="day-title">{t('change.calendar.dayDetails', { day: longDay.format(dateOf(selected)) })}</h2>
            {selectedItems.length === 0 ? <p>{t('change.calendar.nothing')}</p> : <ul className="plain cal-items">{selectedItems.map((item) => itemLine(item, true))}</ul>}
          </>
        )}
      </div>
    </section>
  );
}

function ChangeLink({ id, label }: { id: string; label: string }) {
  const { navigate } = usePortal();
  return (
    <Link to={ROUTES.change(id)} navigate={navigate}>
      {label}
    </Link>
  );
}
