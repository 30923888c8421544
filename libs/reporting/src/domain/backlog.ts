import type { IncidentFact } from './incident-fact';
import { incidentDimensions } from './measures';
import type { Dimension, ReportFilter } from './measures';

/** The open incidents of one group (or all): how many, and how long they have been open (at `now`). */
export interface BacklogRow {
  readonly group: string | null;
  readonly open: number;
  readonly oldestAgeMs: number;
  readonly meanAgeMs: number;
}

/** The backlog at `now` of the open `facts` matching `filter`, per value of `groupBy` (or one row), largest first. */
export function backlogRows(facts: readonly IncidentFact[], now: number, groupBy: Dimension | null, filter: ReportFilter | null): BacklogRow[] {
  const groups = new Map<string | null, { open: number; oldest: number; total: number }>();
  for (const fact of facts) {
    const dims = incidentDimensions(fact);
    if (filter !== null && dims[filter.dimension] !== filter.value) continue;
    const key = groupBy === null ? null : dims[groupBy];
    const age = Math.max(0, now - fact.openedAt);
    const row = groups.get(key) ?? { open: 0, oldest: 0, total: 0 };
    groups.set(key, { open: row.open + 1, oldest: Math.max(row.oldest, age), total: row.total + age });
  }
  return [...groups]
    .map(([group, row]) => ({ group, open: row.open, oldestAgeMs: row.oldest, meanAgeMs: Math.round(row.total / row.open) }))
    .sort((a, b) => b.open - a.open || (a.group ?? '').localeCompare(b.group ?? ''));
}
