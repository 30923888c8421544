import type { ChangeCalendar, ChangeConflict, ConflictGraph, ConflictSubject, Interval, ScheduleIndex } from '../../domain';
import { detectConflicts } from '../../domain';
import type { ConfigurationItems } from '../ports/change-references.port';

/**
 * The CI graph a conflict check needs, from the change context's CMDB projection: which of
 * `others` (the CIs of the changes that may collide, `ScheduleIndex.ciIdsOverlapping`) are one
 * relationship away from the subject's CIs, both directions, and the names and classes of its own
 * CIs. Two reads, whatever the number of scheduled changes or the CIs' degree.
 */
export async function loadConflictGraph(cis: ConfigurationItems, ciIds: readonly string[], others: readonly string[]): Promise<ConflictGraph> {
  const [links, views] = await Promise.all([cis.linksAmong(ciIds, others), cis.find(ciIds)]);
  const facts = new Map([...views.values()].map((ci) => [ci.id, { name: ci.name, classId: ci.classId }]));
  return { facts, links };
}

export interface ConflictCheck {
  readonly cis: ConfigurationItems;
  readonly schedule: ScheduleIndex;
  readonly calendar: ChangeCalendar;
}

/**
 * The conflicts of `subject` in `window`: the graph read, the check, and (only when a conflict is
 * on a neighbour) a read of those neighbours' names so every reason names its CIs.
 */
export async function checkConflicts(check: ConflictCheck, subject: ConflictSubject, window: Interval): Promise<ChangeConflict[]> {
  const graph = await loadConflictGraph(check.cis, subject.configurationItemIds, check.schedule.ciIdsOverlapping(window, subject.changeId));
  const sources = { schedule: check.schedule, calendar: check.calendar, graph };
  const found = detectConflicts(subject, window, sources);
  const unnamed = [...new Set(found.map((c) => c.relatedCiId).filter((id): id is string => id !== null && !graph.facts.has(id)))];
  if (unnamed.length === 0) return found;
  const more = await check.cis.find(unnamed);
  const facts = new Map(graph.facts);
  for (const ci of more.values()) facts.set(ci.id, { name: ci.name, classId: ci.classId });
  return detectConflicts(subject, window, { ...sources, graph: { facts, links: graph.links } });
}
