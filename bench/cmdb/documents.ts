/**
 * The stored shapes of the generated CMDB: `cmdb_cis` and `cmdb_relationships` documents field for
 * field as CiRepository / RelationshipRepository write them (the CI built by the real
 * `checkObservation` + `createCi`), in the state the outbox relay leaves them once their creation
 * event is published (`_outbox: []`, `_outboxPending: false`, `_outboxSent: 1`), and the events the
 * repositories are given for the sample written through them.
 */
import { checkObservation, ciEvent, ciMapper, createCi, relationshipEvent as addedEvent, relationshipId, relationshipMapper } from '@itsm/cmdb';
import type { CmdbDataModel, CmdbEvent, ConfigurationItem, Relationship } from '@itsm/cmdb';
import { Types } from 'mongoose';
import type { GeneratedCi, Topology } from './topology';
import { IMPORTED_AT, TYPE_IDS } from './topology';

export const IMPORT_SOURCE = 'import';
export const IMPORTED_BY = 'bench-import';

/** The CI as the reconciliation use case creates it from an `import` observation (sequence 1: its creation event). */
export function buildCi(dataModel: CmdbDataModel, generated: GeneratedCi): { ci: ConfigurationItem; event: CmdbEvent } {
  const observation = checkObservation(dataModel, { source: IMPORT_SOURCE, classId: generated.classId, attributes: generated.attributes, by: IMPORTED_BY, at: IMPORTED_AT });
  const { ci, entry } = createCi(dataModel, generated.id, observation);
  const event = ciEvent('created', ci, entry);
  return { ci: { ...ci, sequence: 1 }, event };
}

/** The aggregate meta after the relay published the creation event (MongoOutboxStore.markPublished). */
const published = (): Record<string, unknown> => ({ _v: 1, _outbox: [], _outboxPending: false, _outboxSent: 1 });

/** CiRepository's document (ciMapper.toDocument + aggregate meta), its creation event published. */
export function ciDocument(ci: ConfigurationItem): Record<string, unknown> {
  return { ...ciMapper.toDocument(ci), _id: new Types.ObjectId(ci.id), ...published() };
}

/** The i-th generated relationship, as AddRelationshipHandler creates it from the `import` source (sequence 1). */
export function buildRelationship(topology: Topology, i: number): Relationship {
  const { type, source, target } = topology.relationships;
  const typeId = TYPE_IDS[type[i] as number] as string;
  const sourceId = (topology.cis[source[i] as number] as GeneratedCi).id;
  const targetId = (topology.cis[target[i] as number] as GeneratedCi).id;
  return { id: relationshipId(typeId, sourceId, targetId), typeId, sourceId, targetId, state: 'active', source: IMPORT_SOURCE, createdBy: IMPORTED_BY, createdAt: IMPORTED_AT, removedBy: null, removedAt: null, sequence: 1 };
}

/** As AddRelationshipHandler writes it. */
export function relationshipEvent(r: Relationship): CmdbEvent {
  return addedEvent(r, 'added', r.createdBy, r.createdAt);
}

/** RelationshipRepository's document (relationshipMapper.toDocument + aggregate meta), its event published. */
export function relationshipDocument(r: Relationship): Record<string, unknown> {
  return { ...relationshipMapper.toDocument(r), _id: new Types.ObjectId(r.id), ...published() };
}

/** A stored or built document in a comparable form: ObjectIds as hex, keys sorted. */
export function canonical(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return `ObjectId(${value.toHexString()})`;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const bsonType = (value as { _bsontype?: string })._bsontype;
    if (bsonType === 'ObjectId' || bsonType === 'ObjectID') return `ObjectId(${String((value as { toHexString(): string }).toHexString())})`;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The first differing path of two documents, or null when they are the same. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  const x = canonical(a);
  const y = canonical(b);
  if (JSON.stringify(x) === JSON.stringify(y)) return null;
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) {
      const d = firstDifference((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
  }
  return `${path || '(root)'}: ${JSON.stringify(x)?.slice(0, 120)} != ${JSON.stringify(y)?.slice(0, 120)}`;
}
