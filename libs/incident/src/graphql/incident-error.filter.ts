import { CodedErrorFilter } from '@itsm/platform/graphql';
import { INCIDENT_ERROR_KINDS, IncidentErrorCode } from '../domain';

/** Incident and problem errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */
export const incidentErrorFilter = new CodedErrorFilter({ kinds: INCIDENT_ERROR_KINDS, concurrencyCode: IncidentErrorCode.Conflict });
