import type { Connection, Types } from 'mongoose';
import { applyOnce } from '../inbox';
import { collectionIndexes, index } from '../index-declaration';
import type { CollectionIndexes } from '../index-declaration';
import { objectIdFromKey } from '../object-id';
import { ciIdsByName, CmdbProjection } from './cmdb-projection';
import type { AppliedCmdbEvent } from './cmdb-projection';
import type { CiAttributeValue, CmdbCiChange, ProjectedCi } from './cmdb-record-change';

interface CiDocument {
  _id: Types.ObjectId;
  key: string;
  name: string;
  classId: string;
  service: boolean;
  retired: boolean;
  attributes?: Record<string, CiAttributeValue>;
}

const CIS = 'cmdb_cis';
const ciId = (id: string): Types.ObjectId => objectIdFromKey('cmdb-ci', id);

/**
 * The CMDB projection in a context's own database (`cmdb_cis`): each document records the last
 * sequence it applied from its CI's stream (`applyOnce`), so a duplicate, a replay or an older event
 * changes nothing. A context registers it with
 * `contextRepository(MongoCmdbProjection, (c) => new MongoCmdbProjection(c), MongoCmdbProjection.indexes)`.
 */
export class MongoCmdbProjection extends CmdbProjection {
  /** CIs by `_id`; live CIs by name (a demo in its own process finds the CMDB demo's CIs so). */
  static readonly indexes: readonly CollectionIndexes[] = [collectionIndexes(CIS, [index({ name: 1, retired: 1 })])];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get docs() {
    return this.connection.collection<CiDocument>(CIS);
  }

  apply(change: CmdbCiChange, event: AppliedCmdbEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci': {
        const { id, name, classId, service, attributes } = change.ci;
        return applyOnce(this.docs, ciId(id), event, { $set: { key: id, name, classId, service, retired: false, attributes: { ...attributes } } });
      }
      case 'ci-retired': {
        // The attributes stay as the last created/updated event left them.
        const { ciId: id, name, classId, service } = change;
        return applyOnce(this.docs, ciId(id), event, { $set: { key: id, name, classId, service, retired: true } });
      }
    }
  }

  async cis(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedCi>> {
    if (ids.length === 0) return new Map();
    const docs = await this.docs.find({ _id: { $in: [...new Set(ids)].map(ciId) } }).toArray();
    return new Map(docs.map((d) => [d.key, toCi(d)]));
  }

  async idsByName(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (names.length === 0) return new Map();
    const docs = await this.docs.find({ name: { $in: [...new Set(names)] }, retired: false }).toArray();
    return ciIdsByName(docs.map((d) => ({ id: d.key, name: d.name })));
  }
}

function toCi(d: CiDocument): ProjectedCi {
  return { id: d.key, name: d.name, classId: d.classId, service: d.service, retired: d.retired, attributes: d.attributes ?? {} };
}
