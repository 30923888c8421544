import { calendarConflicts } from '@itsm/change';
import type { ChangeConflict, ConfigurationItems, ConflictGraph, ConflictSources, ConflictSubject, Interval, ScheduledChange } from '@itsm/change';

/**
 * The baseline: what a scheduled job without an index does, one pass over every held window per
 * check (the calendar part is the same code as the index's, so only the index differs). Its
 * conflicts must equal the index's (kinds and other changes), checked by the bench.
 */
export function naiveConflicts(subject: ConflictSubject, window: Interval, all: readonly ScheduledChange[], sources: ConflictSources): ChangeConflict[] {
  const own = new Set(subject.configurationItemIds);
  const near = new Set<string>();
  for (const ci of own) {
    const links = sources.graph.links.get(ci);
    for (const id of [...(links?.parents ?? []), ...(links?.children ?? [])]) if (!own.has(id)) near.add(id);
  }
  const found: ChangeConflict[] = [];
  const base = { ciId: null, relatedCiId: null, relation: null, windowId: null, overlap: null, reason: '' } as const;
  for (const c of all) {
    if (c.id === subject.changeId || c.start >= window.end || c.end <= window.start) continue;
    const other = { otherChangeId: c.id, otherChangeNumber: c.number };
    if (c.configurationItemIds.some((id) => own.has(id))) found.push({ ...base, ...other, kind: 'same_ci' });
    else if (c.configurationItemIds.some((id) => near.has(id))) found.push({ ...base, ...other, kind: 'related_ci' });
    if (subject.assigneeId !== null && c.assigneeId === subject.assigneeId) found.push({ ...base, ...other, kind: 'assignee_busy' });
  }
  return [...found, ...calendarConflicts(subject, window, sources)];
}

/**
 * The straightforward check's graph: the subject's CIs and every neighbour of them (a core switch's
 * thousands included), read before the scan tests every scheduled change against them.
 */
export async function fullGraph(cis: ConfigurationItems, ciIds: readonly string[]): Promise<ConflictGraph> {
  const [links, views] = await Promise.all([cis.neighbours(ciIds), cis.find(ciIds)]);
  return { facts: new Map([...views.values()].map((ci) => [ci.id, { name: ci.name, classId: ci.classId }])), links };
}

/** The CIs of every other change whose window overlaps, by a pass over all of them: the scan's question to the CMDB projection. */
export function naiveOthers(subject: ConflictSubject, window: Interval, all: readonly ScheduledChange[]): string[] {
  const ids = new Set<string>();
  for (const c of all) if (c.id !== subject.changeId && c.start < window.end && c.end > window.start) for (const ci of c.configurationItemIds) ids.add(ci);
  return [...ids];
}

/** Kinds and other changes (or windows), sorted: what index and scan must agree on. */
export function fingerprint(conflicts: readonly ChangeConflict[]): string {
  return conflicts.map((c) => `${c.kind}:${c.otherChangeId ?? c.windowId ?? ''}:${c.kind === 'outside_maintenance_window' ? (c.ciId ?? '') : ''}`).sort().join(',');
}
