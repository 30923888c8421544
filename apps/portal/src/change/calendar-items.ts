import type { CalendarChange, CalendarData, ConflictSummary } from './change-types';

/** One thing the calendar draws: a change holding a window, a maintenance window occurrence or a blackout. */
export interface CalendarItem {
  readonly key: string;
  readonly kind: 'change' | 'maintenance' | 'blackout';
  readonly label: string;
  readonly detail: string;
  readonly start: string;
  readonly end: string;
  readonly changeId?: string;
  /** As the API reports them for the change (Change.conflicts): the portal adds no rule of its own. */
  readonly conflicts: readonly ConflictSummary[];
}

/** The calendar's changes whose title and conflicts are not among `known` yet (to be read one by one). */
export const unknownChangeIds = (data: CalendarData, known: ReadonlyMap<string, CalendarChange>): string[] => [...new Set(data.changeCalendar.changes.map((change) => change.id))].filter((id) => !known.has(id));

/** The calendar's answer as items, each change with its title and the conflicts the API reports for it (`changes`, by id). */
export function calendarItems(data: CalendarData, changes: ReadonlyMap<string, CalendarChange>): CalendarItem[] {
  return [
    ...data.changeCalendar.blackouts.map((blackout) => ({ key: `b-${blackout.id}`, kind: 'blackout' as const, label: blackout.name, detail: blackout.reason, start: blackout.start, end: blackout.end, conflicts: [] })),
    ...data.changeCalendar.maintenanceWindows.map((window) => ({ key: `m-${window.windowId}-${window.start}`, kind: 'maintenance' as const, label: window.name, detail: `${window.scope}: ${window.targetId}`, start: window.start, end: window.end, conflicts: [] })),
    ...data.changeCalendar.changes.map((change) => ({
      key: `c-${change.id}`,
      kind: 'change' as const,
      label: change.number,
      detail: [changes.get(change.id)?.title, change.configurationItemIds.join(', ')].filter(Boolean).join(' · '),
      start: change.start,
      end: change.end,
      changeId: change.id,
      conflicts: changes.get(change.id)?.conflicts ?? [],
    })),
  ];
}
