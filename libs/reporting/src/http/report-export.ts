import type { HttpAnswer } from '@itsm/platform/service';
import { AGREEMENT_KINDS, DIMENSIONS, PERIOD_GRAINS, reportingError, ReportingErrorCode, SLA_DIMENSIONS, SLA_TARGETS, SLA_TICKET_TYPES } from '../domain';
import type { AgreementKind, Dimension, PeriodGrain, PeriodSpec, ReportFilter, SlaDimension, SlaFilter, SlaTarget, SlaTicketType } from '../domain';
import type { IncidentReportQuery } from '../application/incident-reports';
import type { SlaComplianceQuery } from '../application/sla-reports';

/** Where exports are served: `GET /reporting/v1/<report>.csv` (the all-in-one's gateway port forwards it; an Ingress path in Kubernetes). */
export const EXPORT_PATH = 'reporting/v1';
export const EXPORT_ROUTE_PREFIX = `/${EXPORT_PATH}`;

/** What the edge answers for an export while the reporting service cannot be reached: try again. */
export function exportUnreachable(status: 503 | 504, detail: string): HttpAnswer {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code: 'REPORTING.UNAVAILABLE', message: `reporting cannot be reached (${status}): ${detail}` } }) };
}

type Params = Readonly<Record<string, unknown>>;

/** One query parameter as text (given once), or undefined; REPORTING.INVALID_INPUT for a repeated or oversized one. */
function text(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 200) throw reportingError(ReportingErrorCode.InvalidInput, `${name} must be given once, as text of at most 200 characters`, { field: name });
  return value;
}

function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = text(params, name);
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw reportingError(ReportingErrorCode.InvalidInput, `${name} must be one of ${allowed.join(', ')}`, { field: name });
  return value as T;
}

/** `filter=<dimension>:<value>` (the value may be empty: none), the dimension one of `dimensions`. */
function filterOf<D extends string>(params: Params, dimensions: readonly D[]): { dimension: D; value: string } | null {
  const given = text(params, 'filter');
  if (given === undefined) return null;
  const colon = given.indexOf(':');
  const dimension = colon < 0 ? '' : given.slice(0, colon);
  if (!(dimensions as readonly string[]).includes(dimension)) throw reportingError(ReportingErrorCode.InvalidInput, `filter must be <dimension>:<value>, the dimension one of ${dimensions.join(', ')}`, { field: 'filter' });
  return { dimension: dimension as D, value: given.slice(colon + 1) };
}

/** An export's period: `from`, `to` (YYYY-MM-DD), `timeZone` (UTC), `grain` (month). */
function periodOf(params: Params): PeriodSpec {
  const from = text(params, 'from');
  const to = text(params, 'to');
  if (from === undefined || to === undefined) throw reportingError(ReportingErrorCode.InvalidInput, 'from and to (YYYY-MM-DD, to exclusive) are required', { field: from === undefined ? 'from' : 'to' });
  return { from, to, timeZone: text(params, 'timeZone') ?? 'UTC', grain: oneOf<PeriodGrain>(params, 'grain', PERIOD_GRAINS) ?? 'month' };
}

/** An export's query string as a report query: the period, `groupBy` and `filter` on `dimensions`. */
export function periodQueryOf<D extends string>(params: Params, dimensions: readonly D[]): { period: PeriodSpec; groupBy: D | null; filter: { dimension: D; value: string } | null } {
  return { period: periodOf(params), groupBy: oneOf<D>(params, 'groupBy', dimensions) ?? null, filter: filterOf(params, dimensions) };
}

/** An SLA compliance export's query string: the period, `groupBy`, and the filter's fields `definitionId`, `kind`, `ticketType`, `supplierOrgId`, `target`. */
export function slaComplianceQueryOf(params: Params): SlaComplianceQuery {
  // Its filter is fields of their own: the other exports' `filter=<dimension>:<value>` would be silently ignored.
  if (params['filter'] !== undefined) throw reportingError(ReportingErrorCode.InvalidInput, 'filter the SLA export with definitionId, kind, ticketType, supplierOrgId or target', { field: 'filter' });
  const definitionId = text(params, 'definitionId');
  const supplierOrgId = text(params, 'supplierOrgId');
  const kind = oneOf<AgreementKind>(params, 'kind', AGREEMENT_KINDS);
  const ticketType = oneOf<SlaTicketType>(params, 'ticketType', SLA_TICKET_TYPES);
  const target = oneOf<SlaTarget>(params, 'target', SLA_TARGETS);
  const filter: SlaFilter = {
    ...(definitionId === undefined ? {} : { definitionId }),
    ...(kind === undefined ? {} : { kind }),
    ...(ticketType === undefined ? {} : { ticketType }),
    ...(supplierOrgId === undefined ? {} : { supplierOrgId }),
    ...(target === undefined ? {} : { target }),
  };
  return { period: periodOf(params), groupBy: oneOf<SlaDimension>(params, 'groupBy', SLA_DIMENSIONS) ?? null, filter };
}

/** An incident report export's query string (dimensions: the incident ones). */
export const reportQueryOf = (params: Params): IncidentReportQuery => periodQueryOf<Dimension>(params, DIMENSIONS);

/** A backlog export's query string: `groupBy`, `filter`. */
export function backlogQueryOf(params: Params): { groupBy: Dimension | null; filter: ReportFilter | null } {
  return { groupBy: oneOf<Dimension>(params, 'groupBy', DIMENSIONS) ?? null, filter: filterOf(params, DIMENSIONS) };
}
