import { ApprovalErrorCode, approvalError } from './approval.errors';

/**
 * `delegatorId` lets `delegateId` decide approvals as them from `start` (inclusive) to `end`
 * (exclusive). Not transitive: a delegate's own delegate does not inherit it. The delegator keeps
 * the right to decide themselves.
 */
export interface Delegation {
  readonly id: string;
  readonly delegatorId: string;
  readonly delegateId: string;
  readonly start: Date;
  readonly end: Date;
}

export function validateDelegation(delegation: Delegation): Delegation {
  if (delegation.delegatorId === delegation.delegateId) {
    throw approvalError(ApprovalErrorCode.InvalidDelegation, 'A person cannot delegate to themselves.', { delegatorId: delegation.delegatorId });
  }
  if (!(delegation.end.getTime() > delegation.start.getTime())) {
    throw approvalError(ApprovalErrorCode.InvalidDelegation, 'A delegation must end after it starts.', {
      start: delegation.start.toISOString(),
      end: delegation.end.toISOString(),
    });
  }
  return delegation;
}

export function isDelegationActive(delegation: Delegation, now: Date): boolean {
  return delegation.start.getTime() <= now.getTime() && now.getTime() < delegation.end.getTime();
}

/** The people `delegateId` may stand in for at `now`, sorted. */
export function delegatorsOf(delegateId: string, delegations: readonly Delegation[], now: Date): string[] {
  const ids = delegations.filter((d) => d.delegateId === delegateId && isDelegationActive(d, now)).map((d) => d.delegatorId);
  return [...new Set(ids)].sort();
}
