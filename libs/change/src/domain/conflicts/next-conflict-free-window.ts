import { ChangeError, ChangeErrorCode } from '../change.errors';
import type { Interval } from '../calendar/intervals';
import { DAY_MS, MINUTE_MS } from '@itsm/recurrence';
import { intersectIntervals, mergeIntervals, subtractIntervals } from '../calendar/intervals';
import type { ConflictSubject } from './change-conflict';
import type { ConflictSources } from './detect-conflicts';
import { maintenanceAllowances } from './detect-conflicts';

export const MAX_HORIZON_DAYS = 90;
export const MAX_CANDIDATES = 100;

export interface FreeWindowQuery {
  /** How long the change needs. */
  readonly durationMs: number;
  /** The earliest start (rounded up to the minute). */
  readonly from: number;
  /** How far to look (at most 90 days). */
  readonly horizonDays: number;
  /** How many candidates (1 to 100). */
  readonly limit: number;
}

function check(query: FreeWindowQuery): void {
  const refuse = (field: string, message: string): ChangeError => new ChangeError(ChangeErrorCode.InvalidInput, message, { field });
  if (!Number.isInteger(query.durationMs) || query.durationMs < MINUTE_MS || query.durationMs > 7 * DAY_MS) throw refuse('duration', 'The duration must be from 1 minute to 7 days');
  if (!Number.isFinite(query.from)) throw refuse('from', 'from must be an instant');
  if (!Number.isInteger(query.horizonDays) || query.horizonDays < 1 || query.horizonDays > MAX_HORIZON_DAYS) throw refuse('horizonDays', `horizonDays must be from 1 to ${MAX_HORIZON_DAYS}`);
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_CANDIDATES) throw refuse('limit', `limit must be from 1 to ${MAX_CANDIDATES}`);
}

/** The instants a search may place a window in: from `from` (rounded up to the minute) to the last start plus the duration. */
export function freeWindowRange(query: Pick<FreeWindowQuery, 'durationMs' | 'from' | 'horizonDays'>): Interval {
  const start = Math.ceil(query.from / MINUTE_MS) * MINUTE_MS;
  return { start, end: start + query.horizonDays * DAY_MS + query.durationMs };
}

/** Everything that rules a start out: other changes on the CIs, their neighbours and the assignee; blackouts. */
function busyIntervals(subject: ConflictSubject, sources: ConflictSources, range: Interval): Interval[] {
  const cis = new Set(subject.configurationItemIds);
  for (const ci of subject.configurationItemIds) {
    const links = sources.graph.links.get(ci);
    for (const id of [...(links?.parents ?? []), ...(links?.children ?? [])]) cis.add(id);
  }
  const busy: Interval[] = [];
  const take = (c: { id: string; start: number; end: number }): void => {
    if (c.id !== subject.changeId) busy.push({ start: c.start, end: c.end });
  };
  for (const ci of cis) sources.schedule.onCi(ci, range).forEach(take);
  if (subject.assigneeId !== null) sources.schedule.forAssignee(subject.assigneeId, range).forEach(take);
  for (const b of sources.calendar.blackoutsFor(subject.serviceIds, range)) busy.push({ start: b.start.getTime(), end: b.end.getTime() });
  return mergeIntervals(busy);
}

/**
 * The first `limit` windows of `durationMs` from `from` within the horizon that `detectConflicts`
 * would find nothing in: the horizon intersected with every governing maintenance window's
 * occurrences, minus every interval another change, the assignee or a blackout holds. Within a long
 * free stretch the candidates follow each other back to back. Ascending by start.
 */
export function nextConflictFreeWindows(subject: ConflictSubject, sources: ConflictSources, query: FreeWindowQuery): Interval[] {
  check(query);
  const range = freeWindowRange(query);
  const lastStart = range.end - query.durationMs;
  let allowed: Interval[] = [range];
  for (const { allowed: windows } of maintenanceAllowances(subject, sources, range).values()) {
    allowed = intersectIntervals(allowed, windows);
  }
  const free = subtractIntervals(allowed, busyIntervals(subject, sources, range));
  const candidates: Interval[] = [];
  for (const gap of free) {
    for (let start = gap.start; start + query.durationMs <= gap.end && start <= lastStart; start += query.durationMs) {
      candidates.push({ start, end: start + query.durationMs });
      if (candidates.length === query.limit) return candidates;
    }
  }
  return candidates;
}
