import { hasRole } from '@itsm/platform/auth';
import type { Principal, Role } from '@itsm/platform/auth';
import { reportingError, ReportingErrorCode } from '../domain';
import type { ChangeDimension, DimensionFilter, TaskDimension } from '../domain';
import { REPORT_READERS } from './report-access';

/** Who may call the change and request reports (which figures each reads is decided below, a typed REPORTING.FORBIDDEN otherwise). */
export const CHANGE_REQUEST_REPORT_CALLERS: readonly Role[] = [...new Set<Role>([...REPORT_READERS, 'cab-member', 'catalogue-admin'])];

/** As the change context lists changes: admins, change managers and CAB members see every change. */
const CHANGE_OVERSEERS: Role[] = ['admin', 'change-manager', 'cab-member'];
/** As the catalogue shows requests: admins and catalogue admins see every request. */
const REQUEST_OVERSEERS: Role[] = ['admin', 'catalogue-admin'];

/** A supplier agent's forced filter: its own organisation on `dimension`; another filter is REPORTING.FORBIDDEN. */
function ownOrganisation<D extends string>(reader: Principal, dimension: D, asked: DimensionFilter<D> | null, what: string): DimensionFilter<D> {
  const own = reader.orgId;
  if (own === undefined) throw reportingError(ReportingErrorCode.Forbidden, `a supplier agent without an organisation reads no ${what} report`);
  if (asked !== null && (asked.dimension !== dimension || asked.value !== own)) {
    throw reportingError(ReportingErrorCode.Forbidden, `a supplier agent reads its own organisation's ${what} figures only`, { dimension: asked.dimension });
  }
  return { dimension, value: own };
}

/** Whether `reader` reads every change's figures (the change context's overseers). */
export const readsAllChangeFigures = (reader: Principal): boolean => hasRole(reader, ...CHANGE_OVERSEERS);

/**
 * The change report's filter for `reader`, mirroring the change context's read rules: overseers
 * (admin, change manager, CAB member) read every change's figures as asked; a supplier agent only
 * the changes assigned to its organisation (supplier filter forced); anyone else sees only the
 * changes they requested or work on, so no change report (REPORTING.FORBIDDEN).
 */
export function changeReportFilter(reader: Principal, asked: DimensionFilter<ChangeDimension> | null): DimensionFilter<ChangeDimension> | null {
  if (hasRole(reader, ...CHANGE_OVERSEERS)) return asked;
  if (hasRole(reader, 'supplier-agent')) return ownOrganisation(reader, 'supplier', asked, 'change');
  throw reportingError(ReportingErrorCode.Forbidden, 'change reports are read by change managers, CAB members and admins (a supplier agent: its own organisation)');
}

/**
 * The request report (requested items), mirroring the catalogue's read rules: admins and
 * catalogue admins see every request; a supplier agent never sees requests, others only theirs:
 * REPORTING.FORBIDDEN.
 */
export function assertRequestReportReader(reader: Principal): void {
  if (!hasRole(reader, ...REQUEST_OVERSEERS)) throw reportingError(ReportingErrorCode.Forbidden, 'request reports are read by catalogue admins and admins');
}

/** The task report's filter: admins and catalogue admins as asked; a supplier agent its organisation's groups' tasks only; others REPORTING.FORBIDDEN. */
export function taskReportFilter(reader: Principal, asked: DimensionFilter<TaskDimension> | null): DimensionFilter<TaskDimension> | null {
  if (hasRole(reader, ...REQUEST_OVERSEERS)) return asked;
  if (hasRole(reader, 'supplier-agent')) return ownOrganisation(reader, 'supplier', asked, 'task');
  throw reportingError(ReportingErrorCode.Forbidden, "task reports are read by catalogue admins and admins (a supplier agent: its organisation's groups)");
}
