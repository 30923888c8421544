import { CmdbError, CmdbErrorCode } from '../cmdb.errors';
import type { ConfigurationItem } from './ci';
import type { CmdbDataModel } from './cmdb-data-model';
import type { RelationshipType } from './relationship-type';

/** A typed, directed relationship between two CIs; removed ones are kept (tombstones order late events). */
export interface Relationship {
  readonly id: string;
  readonly typeId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly state: 'active' | 'removed';
  /** Who asserted it: `manual` or a discovery source. */
  readonly source: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly removedBy: string | null;
  readonly removedAt: string | null;
  readonly sequence: number;
}

/** Both ends active, not the same CI, and the type admits the two classes; throws CMDB.* otherwise. */
export function checkRelationship(dataModel: CmdbDataModel, typeId: string, source: ConfigurationItem, target: ConfigurationItem): RelationshipType {
  if (source.id === target.id) throw new CmdbError(CmdbErrorCode.ForbiddenRelationship, `CI ${source.id} cannot be related to itself`, { typeId, sourceClassId: source.classId, targetClassId: target.classId });
  for (const ci of [source, target]) {
    if (ci.state === 'retired') throw new CmdbError(CmdbErrorCode.CiRetired, `CI ${ci.id} (${ci.name}) is retired`, { ciId: ci.id });
  }
  return dataModel.checkRelationship(typeId, source.classId, target.classId);
}
