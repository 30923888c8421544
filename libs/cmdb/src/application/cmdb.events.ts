import { operationalStatusOf } from '../domain';
import type { ConfigurationItem, HistoryEntry, Relationship } from '../domain';
import type { CmdbEvent } from '../persistence';

/** The `itsm.cmdb.v1` event of a CI's creation or update, from the history entry the write adds. */
export function ciEvent(kind: 'created' | 'updated', ci: ConfigurationItem, entry: HistoryEntry): CmdbEvent {
  const facts = { ciId: ci.id, classId: ci.classId, name: ci.name, operationalStatus: operationalStatusOf(ci.attributes), attributes: { ...ci.attributes }, source: entry.source, by: entry.by, at: entry.at };
  if (kind === 'created') return { type: 'itsm.cmdb.ci-created.v1', data: facts };
  const data = { ...facts, changes: entry.changes.map((c) => ({ ...c })) };
  return { type: 'itsm.cmdb.ci-updated.v1', data };
}

/** The `itsm.cmdb.v1` event of a relationship added or removed. */
export function relationshipEvent(relationship: Relationship, kind: 'added' | 'removed', by: string, at: string): CmdbEvent {
  const data = { relationshipId: relationship.id, typeId: relationship.typeId, sourceId: relationship.sourceId, targetId: relationship.targetId, by, at };
  return { type: `itsm.cmdb.relationship-${kind}.v1`, data };
}

/** The `itsm.cmdb.v1` event of a CI's retirement. */
export function ciRetiredEvent(ci: ConfigurationItem, reason: string, by: string, at: string): CmdbEvent {
  const data = { ciId: ci.id, classId: ci.classId, name: ci.name, reason, by, at };
  return { type: 'itsm.cmdb.ci-retired.v1', data };
}
