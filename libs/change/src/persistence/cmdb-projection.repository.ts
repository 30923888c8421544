import { applyOnce, collectionIndexes, index, MongoCmdbProjection, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import { ConfigurationItems } from '../application/ports/change-references.port';
import type { CiNeighbours, CiView } from '../application/ports/change-references.port';
import type { AppliedEvent, CmdbProjectionStore } from '../application/ports/projection-stores.port';
import type { CmdbChange } from '../application/projections/cmdb-change';
import { neighbourMap } from '../application/projections/neighbours';

interface RelationshipDocument { _id: Types.ObjectId; key: string; typeId: string; sourceId: string; targetId: string; active: boolean }

const RELATIONSHIPS = 'cmdb_relationships';
const relationshipId = (id: string): Types.ObjectId => objectIdFromKey('cmdb-relationship', id);

/** How many relationships of the asked CIs one `neighbours` call reads at most (per direction). */
export const NEIGHBOUR_LIMIT = 10_000;

/**
 * The change context's projection of the CMDB (`itsm.cmdb.v1`): CIs in the platform's
 * MongoCmdbProjection (class, name, attributes, service, retired) and, beside them, relationships
 * (active until removed) for conflicts and risk one relationship away. Each document records the
 * last sequence it applied from its record's stream (`applyOnce`), so a duplicate or older event changes nothing.
 */
export class CmdbProjectionRepository extends ConfigurationItems implements CmdbProjectionStore {
  /** CIs as the platform's projection declares them; a CI's relationships by either end. */
  static readonly indexes = [
    ...MongoCmdbProjection.indexes,
    collectionIndexes(RELATIONSHIPS, [
      index({ sourceId: 1, active: 1 }),
      index({ targetId: 1, active: 1 }),
      index({ sourceId: 1, targetId: 1, active: 1 }),
      index({ targetId: 1, sourceId: 1, active: 1 }),
    ]),
  ];

  private readonly cis: MongoCmdbProjection;

  constructor(private readonly connection: Connection) {
    super();
    this.cis = new MongoCmdbProjection(connection);
  }

  private get relationships() {
    return this.connection.collection<RelationshipDocument>(RELATIONSHIPS);
  }

  apply(change: CmdbChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci':
      case 'ci-retired':
        return this.cis.apply(change, event);
      case 'relationship': {
        const { id, typeId, sourceId, targetId, active } = change.relationship;
        return applyOnce(this.relationships, relationshipId(id), event, { $set: { key: id, typeId, sourceId, targetId, active } });
      }
    }
  }

  find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    return this.cis.cis(ids);
  }

  /**
   * The live CIs named `names`, id by name (the lowest id when a name is shared): how the change demo
   * finds the CMDB demo's CIs when it runs in its own process, where no CMDB ids are handed over.
   */
  idsByName(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.cis.idsByName(names);
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
