import type { Principal, Role } from '@itsm/platform/auth';
import { reportingError, ReportingErrorCode } from '../domain';
import type { ReportFilter, SlaFilter } from '../domain';

/** Who reads reports: staff see every organisation's figures; a supplier agent its own organisation's only. */
export const REPORT_READERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'change-manager', 'admin', 'supplier-agent'];

const isStaff = (principal: Principal): boolean => principal.roles.some((role) => role !== 'supplier-agent' && REPORT_READERS.includes(role));

/**
 * The filter a report runs with for `principal`: as asked for staff; for a supplier agent always
 * its own organisation (as the holding supplier), whatever it asked: a filter on another
 * organisation or another dimension is REPORTING.FORBIDDEN (one filter per report).
 */
export function scopedFilter(principal: Principal, asked: ReportFilter | null): ReportFilter | null {
  if (isStaff(principal)) return asked;
  const own = principal.orgId;
  if (own === undefined) throw reportingError(ReportingErrorCode.Forbidden, 'a supplier agent without an organisation reads no report');
  if (asked !== null && (asked.dimension !== 'supplier' || asked.value !== own)) {
    throw reportingError(ReportingErrorCode.Forbidden, "a supplier agent reads its own organisation's figures only", { dimension: asked.dimension });
  }
  return { dimension: 'supplier', value: own };
}

/** A supplier's scorecard: staff read any; a supplier agent its own organisation's only (REPORTING.FORBIDDEN). */
export function assertScorecardReader(principal: Principal, orgId: string): void {
  if (isStaff(principal)) return;
  if (principal.orgId !== orgId) throw reportingError(ReportingErrorCode.Forbidden, "a supplier agent reads its own organisation's scorecard only", { orgId });
}

/**
 * The SLA filter a compliance or status query runs with for `principal`: as asked for staff; for a
 * supplier agent its own organisation's clocks (the segment's organisation) only: asking for
 * another's is REPORTING.FORBIDDEN.
 */
export function scopedSlaFilter(principal: Principal, asked: SlaFilter): SlaFilter {
  if (isStaff(principal)) return asked;
  const own = principal.orgId;
  if (own === undefined) throw reportingError(ReportingErrorCode.Forbidden, 'a supplier agent without an organisation reads no report');
  if (asked.supplierOrgId !== undefined && asked.supplierOrgId !== own) throw reportingError(ReportingErrorCode.Forbidden, "a supplier agent reads its own organisation's clocks only", { supplierOrgId: asked.supplierOrgId });
  return { ...asked, supplierOrgId: own };
}
