export { DirectoryScimModule } from './directory-scim.module';
export { SCIM_STATUS_OF_DIRECTORY_ERROR, ScimError } from './scim.errors';
export type { ScimType } from './scim.errors';
export { personCriterion, groupCriterion } from './scim-filter.mapper';
export { SCIM_ROUTE_PREFIX, scimUnreachable } from './scim-http';
