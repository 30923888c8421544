import { CodedErrorFilter } from '@itsm/platform/graphql';
import { SUPPLIER_EXCHANGE_ERROR_KINDS, SupplierExchangeErrorCode } from '../domain';

/** Supplier-exchange errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */
export const supplierExchangeErrorFilter = new CodedErrorFilter({ kinds: SUPPLIER_EXCHANGE_ERROR_KINDS, concurrencyCode: SupplierExchangeErrorCode.Conflict });
