import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../api/types';
import { SlaBadge, StateBadge } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { headlineClock } from '../sla/sla-status';

/** Rows are one line high, fixed by styles.css (.virtual-queue): no measuring while scrolling. */
const ROW_PX = 44;
const OVERSCAN = 8;

/**
 * A long queue as a table whose body renders only the rows in view (and a few around): the table
 * keeps its semantics for assistive technology (aria-rowcount on the table, aria-rowindex on each row,
 * the header row 1), spacer rows hold the scroll height. The container scrolls, so the header stays.
 * `plain` renders every row in the same container (the queue bench's baseline, `?render=plain`).
 * A focused row scrolled far out of view is unmounted (focus returns to the page); accepted: keyboard
 * users move through the rows with Tab, which keeps the focused row in view.
 */
export function VirtualIncidentTable({ caption, incidents, plain = false }: { caption: string; incidents: readonly IncidentSummary[]; plain?: boolean }) {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: plain ? 0 : incidents.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: OVERSCAN, useFlushSync: false });
  const when = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  const rows = plain ? incidents.map((_, index) => ({ index, start: 0, end: 0 })) : virtualizer.getVirtualItems();
  const before = plain ? 0 : (rows[0]?.start ?? 0);
  const after = plain ? 0 : virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <div ref={scroller} className="virtual-queue" tabIndex={0} role="region" aria-label={t('agent.queue.scrollRegion', { caption, count: incidents.length })}>
      <table aria-rowcount={incidents.length + 1}>
        <caption>
          {caption} ({incidents.length})
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('columns.number')}</th>
            <th scope="col">{t('columns.title')}</th>
            <th scope="col">{t('columns.state')}</th>
            <th scope="col">{t('columns.priority')}</th>
            <th scope="col">{t('columns.sla')}</th>
            <th scope="col">{t('columns.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={6} style={{ height: before }} />
            </tr>
          )}
          {rows.map((row) => {
            const incident = incidents[row.index];
            return incident === undefined ? null : <Row key={incident.id} incident={incident} rowIndex={row.index + 2} when={when} navigate={navigate} />;
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={6} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** One row; memoised, so scrolling renders only the rows that come into view (a live change, only its row). */
const Row = memo(function Row({ incident, rowIndex, when, navigate }: { incident: IncidentSummary; rowIndex: number; when: Intl.DateTimeFormat; navigate: (path: string) => void }) {
  return (
    <tr data-number={incident.number} aria-rowindex={rowIndex}>
      <td>
        <Link to={ROUTES.incident(incident.id)} navigate={navigate}>
          {incident.number}
        </Link>
      </td>
      <td className="title-cell" title={incident.title}>
        {incident.title}
      </td>
      <td data-column="state">
        <StateBadge state={incident.state} />
      </td>
      <td>P{incident.priority}</td>
      <td data-column="sla">
        <SlaBadge clock={headlineClock(incident.slas)} />
      </td>
      <td>{when.format(new Date(incident.updatedAt))}</td>
    </tr>
  );
});
