import type { Principal, Role } from '@itsm/platform/auth';
import { hasRole } from '@itsm/platform/auth';
import { reportingError, ReportingErrorCode } from '../domain';
import { reportOfMetric } from '../domain';
import type { Improvement, ImprovementMeasure } from '../domain';
import { readsAllChangeFigures } from './change-request-access';

/** Who reads the improvement register: staff (it is internal: no supplier agent). */
export const IMPROVEMENT_READERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'change-manager', 'admin'];
/** Who registers initiatives: the process managers and admins. */
export const IMPROVEMENT_MANAGERS: readonly Role[] = ['incident-manager', 'problem-manager', 'change-manager', 'admin'];

/** A manager, an admin, or the initiative's owner moves it along its lifecycle (REPORTING.FORBIDDEN otherwise). */
export function assertMayChange(reader: Principal, improvement: Improvement): void {
  // The owner as registered: a directory id (exactly) or a user name (any case), as contexts resolve signed-in callers.
  if (hasRole(reader, ...IMPROVEMENT_MANAGERS) || reader.userId === improvement.ownerId || reader.userId.toLowerCase() === improvement.ownerId.toLowerCase()) return;
  throw reportingError(ReportingErrorCode.Forbidden, "only a manager, an admin or the initiative's owner changes its status", { improvementId: improvement.id });
}

/**
 * Whether `reader` may see a measure's figures: a change metric's only who reads every change's
 * figures (change managers, CAB members, admins), as the change report; incident and SLA figures
 * every register reader (staff read those reports unfiltered).
 */
export function mayReadMeasure(reader: Principal, measure: ImprovementMeasure): boolean {
  return reportOfMetric(measure.metric) !== 'change' || readsAllChangeFigures(reader);
}
