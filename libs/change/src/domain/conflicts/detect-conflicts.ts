import type { ChangeCalendar } from '../calendar/change-calendar';
import type { Interval } from '../calendar/intervals';
import { covers, mergeIntervals } from '../calendar/intervals';
import type { ChangeConflict, ConflictGraph, ConflictSubject } from './change-conflict';
import type { ScheduleIndex, ScheduledChange } from './schedule-index';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
const span = (i: Interval): string => `${iso(i.start)} to ${iso(i.end)}`;
const overlapOf = (a: Interval, b: Interval): Interval => ({ start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) });

const NONE = { ciId: null, relatedCiId: null, relation: null, otherChangeId: null, otherChangeNumber: null, windowId: null, overlap: null } as const;

export interface ConflictSources {
  readonly schedule: ScheduleIndex;
  readonly calendar: ChangeCalendar;
  readonly graph: ConflictGraph;
}

function ciName(graph: ConflictGraph, id: string): string {
  return graph.facts.get(id)?.name ?? id;
}

/**
 * For each of the subject's CIs governed by maintenance windows (its own, its class's, its
 * services'), the union of their occurrences within `range`, merged. CIs without windows are free.
 */
export function maintenanceAllowances(subject: ConflictSubject, sources: ConflictSources, range: Interval): Map<string, { windowIds: string[]; allowed: Interval[] }> {
  const out = new Map<string, { windowIds: string[]; allowed: Interval[] }>();
  for (const ci of new Set(subject.configurationItemIds)) {
    const windows = sources.calendar.windowsFor(ci, sources.graph.facts.get(ci)?.classId ?? null, subject.serviceIds);
    if (windows.length === 0) continue;
    const allowed = mergeIntervals(windows.flatMap((w) => sources.calendar.occurrences(w, range)));
    out.set(ci, { windowIds: windows.map((w) => w.id), allowed });
  }
  return out;
}

function changeConflicts(subject: ConflictSubject, sources: ConflictSources, window: Interval): ChangeConflict[] {
  const { schedule, graph } = sources;
  // The few changes holding overlapping windows, then which of them touch the CIs: cheaper than
  // looking every neighbour up in the CI lanes.
  const candidates = schedule.overlapping(window).filter((c) => c.id !== subject.changeId);
  if (candidates.length === 0) return [];
  const byCi = new Map<string, ScheduledChange[]>();
  for (const c of candidates) for (const ci of c.configurationItemIds) byCi.set(ci, [...(byCi.get(ci) ?? []), c]);
  const own = new Set(subject.configurationItemIds);
  const match = new Map<string, { kind: 'same_ci' | 'related_ci'; ci: string; neighbour: string | null; relation: 'parent' | 'child' | null }>();
  for (const ci of own) for (const c of byCi.get(ci) ?? []) if (!match.has(c.id)) match.set(c.id, { kind: 'same_ci', ci, neighbour: null, relation: null });
  for (const ci of own) {
    const links = graph.links.get(ci);
    const related: [readonly string[], 'parent' | 'child'][] = [[links?.parents ?? [], 'parent'], [links?.children ?? [], 'child']];
    for (const [ids, relation] of related) {
      for (const neighbour of ids) {
        if (own.has(neighbour)) continue;
        for (const c of byCi.get(neighbour) ?? []) if (!match.has(c.id)) match.set(c.id, { kind: 'related_ci', ci, neighbour, relation });
      }
    }
  }
  const found: ChangeConflict[] = [];
  for (const c of candidates) {
    const other = { otherChangeId: c.id, otherChangeNumber: c.number, overlap: overlapOf(window, c) };
    const m = match.get(c.id);
    if (m?.kind === 'same_ci') {
      found.push({ ...NONE, ...other, kind: 'same_ci', ciId: m.ci, reason: `${c.number} is scheduled on ${ciName(graph, m.ci)} from ${span(c)}` });
    } else if (m !== undefined && m.neighbour !== null) {
      found.push({
        ...NONE, ...other, kind: 'related_ci', ciId: m.ci, relatedCiId: m.neighbour, relation: m.relation,
        reason: `${c.number} is scheduled on ${ciName(graph, m.neighbour)}, a ${m.relation ?? 'neighbour'} of ${ciName(graph, m.ci)}, from ${span(c)}`,
      });
    }
    if (subject.assigneeId !== null && c.assigneeId === subject.assigneeId) {
      found.push({ ...NONE, ...other, kind: 'assignee_busy', reason: `The assignee is already on ${c.number} from ${span(c)}` });
    }
  }
  return found;
}

/** The calendar's part: maintenance windows the planned window falls outside of, blackouts it falls into. */
export function calendarConflicts(subject: ConflictSubject, window: Interval, sources: ConflictSources): ChangeConflict[] {
  const found: ChangeConflict[] = [];
  for (const [ci, { windowIds, allowed }] of maintenanceAllowances(subject, sources, window)) {
    if (covers(allowed, window)) continue;
    const names = windowIds.map((id) => sources.calendar.window(id)?.name ?? id).join(', ');
    found.push({ ...NONE, kind: 'outside_maintenance_window', ciId: ci, windowId: windowIds[0] ?? null, reason: `${span(window)} is not inside a maintenance window of ${ciName(sources.graph, ci)} (${names})` });
  }
  for (const b of sources.calendar.blackoutsFor(subject.serviceIds, window)) {
    const interval = { start: b.start.getTime(), end: b.end.getTime() };
    const scope = b.serviceIds.length === 0 ? 'every change' : 'an affected service';
    found.push({ ...NONE, kind: 'blackout', windowId: b.id, overlap: overlapOf(window, interval), reason: `Inside the blackout "${b.name}" (${span(interval)}, ${scope}): ${b.reason}` });
  }
  return found;
}

/**
 * Every conflict of `subject` planned in `window`: other changes holding overlapping windows on
 * its CIs or one relationship away, or with its assignee; maintenance windows it falls outside of;
 * blackouts it falls into. Each conflict names the other change or window and says why. Uses the
 * interval index and the calendar's cached expansions: cost grows with the subject's CIs and
 * neighbours, not with the number of scheduled changes.
 */
export function detectConflicts(subject: ConflictSubject, window: Interval, sources: ConflictSources): ChangeConflict[] {
  return [...changeConflicts(subject, sources, window), ...calendarConflicts(subject, window, sources)];
}
