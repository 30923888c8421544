import { CodedErrorFilter } from '@itsm/platform/graphql';
import { CATALOGUE_ERROR_KINDS, CatalogueErrorCode } from '../domain/catalogue.errors';

/** Catalogue errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */
export const catalogueErrorFilter = new CodedErrorFilter({ kinds: CATALOGUE_ERROR_KINDS, concurrencyCode: CatalogueErrorCode.Conflict });
