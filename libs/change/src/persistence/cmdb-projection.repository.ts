import { applyOnce, collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import { ConfigurationItems } from '../application/ports/change-references.port';
import type { CiAttributeValue, CiNeighbours, CiView } from '../application/ports/change-references.port';
import type { AppliedEvent, CmdbProjectionStore } from '../application/ports/projection-stores.port';
import type { CmdbChange } from '../application/projections/cmdb-change';
import { neighbourMap } from '../application/projections/neighbours';

interface CiDocument {
  _id: Types.ObjectId;
  key: string;
  name: string;
  classId: string;
  service: boolean;
  retired: boolean;
  attributes?: Record<string, CiAttributeValue>;
}
interface RelationshipDocument { _id: Types.ObjectId; key: string; typeId: string; sourceId: string; targetId: string; active: boolean }

const CIS = 'cmdb_cis';
const RELATIONSHIPS = 'cmdb_relationships';
const ciId = (id: string): Types.ObjectId => objectIdFromKey('cmdb-ci', id);
const relationshipId = (id: string): Types.ObjectId => objectIdFromKey('cmdb-relationship', id);

/** How many relationships of the asked CIs one `neighbours` call reads at most (per direction). */
export const NEIGHBOUR_LIMIT = 10_000;

/**
 * The change context's projection of the CMDB (`itsm.cmdb.v1`): CIs (class, name, attributes,
 * service, retired) and relationships (active until removed). Each document records the last
 * sequence it applied from its record's stream (`applyOnce`), so a duplicate or older event changes nothing.
 */
export class CmdbProjectionRepository extends ConfigurationItems implements CmdbProjectionStore {
  /** CIs by `_id` and by name (the demo in its own process); a CI's relationships by either end. */
  static readonly indexes = [
    collectionIndexes(CIS, [index({ name: 1, retired: 1 })]),
    collectionIndexes(RELATIONSHIPS, [
      index({ sourceId: 1, active: 1 }),
      index({ targetId: 1, active: 1 }),
      index({ sourceId: 1, targetId: 1, active: 1 }),
      index({ targetId: 1, sourceId: 1, active: 1 }),
    ]),
  ];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get cis() {
    return this.connection.collection<CiDocument>(CIS);
  }

  private get relationships() {
    return this.connection.collection<RelationshipDocument>(RELATIONSHIPS);
  }

  apply(change: CmdbChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci': {
        const { id, name, classId, service, attributes } = change.ci;
        return applyOnce(this.cis, ciId(id), event, { $set: { key: id, name, classId, service, retired: false, attributes: { ...attributes } } });
      }
      case 'ci-retired': {
        const { ciId: id, name, classId, service } = change;
        return applyOnce(this.cis, ciId(id), event, { $set: { key: id, name, classId, service, retired: true } });
      }
      case 'relationship': {
        const { id, typeId, sourceId, targetId, active } = change.relationship;
        return applyOnce(this.relationships, relationshipId(id), event, { $set: { key: id, typeId, sourceId, targetId, active } });
      }
    }
  }

  async find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    if (ids.length === 0) return new Map();
    const docs = await this.cis.find({ _id: { $in: [...new Set(ids)].map(ciId) } }).toArray();
    return new Map(docs.map((d) => [d.key, toCi(d)]));
  }

  /**
   * The live CIs named `names`, id by name (the lowest id when a name is shared): how the change demo
   * finds the CMDB demo's CIs when it runs in its own process, where no CMDB ids are handed over.
   */
  async idsByName(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (names.length === 0) return new Map();
    const docs = await this.cis.find({ name: { $in: [...new Set(names)] }, retired: false }).toArray();
    const byName = new Map<string, string>();
    for (const d of [...docs].sort((a, b) => (a.key < b.key ? -1 : 1))) if (!byName.has(d.name)) byName.set(d.name, d.key);
    return byName;
  }

  async neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const [outbound, inbound] = await Promise.all([
      this.relationships.find({ sourceId: { $in: unique }, active: { $eq: true } }).limit(NEIGHBOUR_LIMIT).toArray(),
      this.relationships.find({ targetId: { $in: unique }, active: { $eq: true } }).limit(NEIGHBOUR_LIMIT).toArray(),
    ]);
    return neighbourMap(unique, [...outbound, ...inbound]);
  }

  /** The relationships between `ids` and `others` only (both ends pinned: a hub's thousands of other relationships are not read). */
  override async linksAmong(ids: readonly string[], others: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const unique = [...new Set(ids)];
    const near = [...new Set(others)];
    if (unique.length === 0 || near.length === 0) return neighbourMap(unique, []);
    const [outbound, inbound] = await Promise.all([
      this.relationships.find({ sourceId: { $in: unique }, targetId: { $in: near }, active: { $eq: true } }).toArray(),
      this.relationships.find({ targetId: { $in: unique }, sourceId: { $in: near }, active: { $eq: true } }).toArray(),
    ]);
    return neighbourMap(unique, [...outbound, ...inbound]);
  }
}

function toCi(d: CiDocument): CiView {
  return { id: d.key, name: d.name, classId: d.classId, service: d.service, retired: d.retired, attributes: d.attributes ?? {} };
}
