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
  const found: ChangeConflict[] = [];
  const seen = new Set<string>();
  const other = (c: ScheduledChange): boolean => c.id !== subject.changeId;
  const ownCis = new Set(subject.configurationItemIds);
  for (const ci of ownCis) {
    for (const c of schedule.onCi(ci, window).filter(other)) {
      if (seen.has(`same:${c.id}`)) continue;
      seen.add(`same:${c.id}`);
      const overlap = overlapOf(window, c);
      found.push({ ...NONE, kind: 'same_ci', ciId: ci, otherChangeId: c.id, otherChangeNumber: c.number, overlap, reason: `${c.number} is scheduled on ${ciName(graph, ci)} from ${span(c)}` });
    }
  }
  for (const ci of ownCis) {
    const links = graph.links.get(ci);
    const related: [string, 'parent' | 'child'][] = [...(links?.parents ?? []).map((id): [string, 'parent'] => [id, 'parent']), ...(links?.children ?? []).map((id): [string, 'child'] => [id, 'child'])];
    for (const [neighbour, relation] of related) {
      if (ownCis.has(neighbour)) continue;
      for (const c of schedule.onCi(neighbour, window).filter(other)) {
        if (seen.has(`same:${c.id}`) || seen.has(`related:${c.id}`)) continue;
        seen.add(`related:${c.id}`);
        found.push({
          ...NONE, kind: 'related_ci', ciId: ci, relatedCiId: neighbour, relation, otherChangeId: c.id, otherChangeNumber: c.number, overlap: overlapOf(window, c),
          reason: `${c.number} is scheduled on ${ciName(graph, neighbour)}, a ${relation} of ${ciName(graph, ci)}, from ${span(c)}`,
        });
      }
    }
  }
  if (subject.assigneeId !== null) {
    for (const c of schedule.forAssignee(subject.assigneeId, window).filter(other)) {
      found.push({ ...NONE, kind: 'assignee_busy', otherChangeId: c.id, otherChangeNumber: c.number, overlap: overlapOf(window, c), reason: `The assignee is already on ${c.number} from ${span(c)}` });
    }
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
  const found = changeConflicts(subject, sources, window);
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
