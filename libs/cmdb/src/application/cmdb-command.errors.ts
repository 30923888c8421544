import type { AggregateCommandErrors } from '@itsm/platform/persistence';
import { CmdbError, CmdbErrorCode } from '../domain';

/** CMDB.CI_NOT_FOUND / CMDB.CONFLICT of a command on one CI. */
export const ciErrors: AggregateCommandErrors = {
  notFound: (ciId) => new CmdbError(CmdbErrorCode.CiNotFound, `no CI ${ciId}`, { ciId }),
  conflict: () => new CmdbError(CmdbErrorCode.Conflict, 'the CI changed concurrently; try again'),
};

/** CMDB.RELATIONSHIP_NOT_FOUND / CMDB.CONFLICT of a command on one relationship. */
export const relationshipErrors: AggregateCommandErrors = {
  notFound: (relationshipId) => new CmdbError(CmdbErrorCode.RelationshipNotFound, `no relationship ${relationshipId}`, { relationshipId }),
  conflict: () => new CmdbError(CmdbErrorCode.Conflict, 'the relationship changed concurrently; try again'),
};
