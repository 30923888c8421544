import { isDelegationActive, validateDelegation } from '@itsm/approval';
import type { Delegation } from '@itsm/approval';
import { withChangeCodes } from './approval-errors';
import { ChangeError, ChangeErrorCode } from './change.errors';

/** A person lets another decide their change approvals for a period (holidays); revocable. */
export interface ApprovalDelegation extends Delegation {
  readonly reason: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface DelegationRequest {
  readonly delegatorId: string;
  readonly delegateId: string;
  readonly start: Date;
  readonly end: Date;
  readonly reason: string | null;
}

/** At most a year: a standing delegation is a group membership, not a delegation. */
const MAX_PERIOD_MS = 366 * 24 * 3_600_000;

export function delegateApprovals(id: string, request: DelegationRequest, by: string, now: Date): ApprovalDelegation {
  const delegation = withChangeCodes(() => validateDelegation({ id, delegatorId: request.delegatorId, delegateId: request.delegateId, start: request.start, end: request.end }));
  if (delegation.end.getTime() <= now.getTime()) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, 'The delegation would already be over.', { path: 'end' });
  }
  if (delegation.end.getTime() - delegation.start.getTime() > MAX_PERIOD_MS) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, 'A delegation lasts at most 366 days.', { path: 'end' });
  }
  if (request.reason !== null && request.reason.length > 500) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, 'A delegation reason holds at most 500 characters.', { path: 'reason' });
  }
  return { ...delegation, reason: request.reason, createdBy: by, createdAt: now, revokedAt: null };
}

/** Revoked from `now` on (a revoked delegation stays revoked at its first revocation time). */
export function revokeDelegation(delegation: ApprovalDelegation, now: Date): ApprovalDelegation {
  return delegation.revokedAt === null ? { ...delegation, revokedAt: now } : delegation;
}

/** The delegations in force at `now` (started, not ended, not revoked). */
export function delegationsInForce(delegations: readonly ApprovalDelegation[], now: Date): ApprovalDelegation[] {
  return delegations.filter((d) => d.revokedAt === null && isDelegationActive(d, now));
}
