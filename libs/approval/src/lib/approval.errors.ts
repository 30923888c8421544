import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Why the approval engine refused a policy, a delegation or a decision. A context maps these onto its own codes. */
export enum ApprovalErrorCode {
  /** A policy, level, rule or approver set that is malformed (empty name, quorum outside 1-100, no approvers named). */
  InvalidPolicy = 'APPROVAL.INVALID_POLICY',
  /** A condition tree that is malformed, too deep or too large, or uses an unknown operator. */
  InvalidCondition = 'APPROVAL.INVALID_CONDITION',
  /** A delegation to oneself, or whose period ends before it starts. */
  InvalidDelegation = 'APPROVAL.INVALID_DELEGATION',
  /** A mandatory level whose approver set resolved to nobody: it could never be approved. */
  NoApprovers = 'APPROVAL.NO_APPROVERS',
  /** The person is not an approver of a pending level, nor a delegate of one (at that instant). */
  NotEntitled = 'APPROVAL.NOT_ENTITLED',
  /** The approver (or the person a delegate stands in for) already decided on that level. */
  AlreadyDecided = 'APPROVAL.ALREADY_DECIDED',
  /** The process is approved, rejected or canceled: nothing is pending. */
  NotPending = 'APPROVAL.NOT_PENDING',
}

export class ApprovalError extends CodedError<ApprovalErrorCode> {
  override readonly name = 'ApprovalError';
}

export function approvalError(code: ApprovalErrorCode, message: string, details: ApprovalError['details'] = {}): ApprovalError {
  return new ApprovalError(code, message, details);
}

export const APPROVAL_ERROR_KINDS: ErrorKinds<ApprovalErrorCode> = {
  [ApprovalErrorCode.InvalidPolicy]: 'invalid_input',
  [ApprovalErrorCode.InvalidCondition]: 'invalid_input',
  [ApprovalErrorCode.InvalidDelegation]: 'invalid_input',
  [ApprovalErrorCode.NoApprovers]: 'illegal_state',
  [ApprovalErrorCode.NotEntitled]: 'forbidden',
  [ApprovalErrorCode.AlreadyDecided]: 'illegal_state',
  [ApprovalErrorCode.NotPending]: 'illegal_state',
};

/**
 * Runs an approval-engine step, its APPROVAL.* refusals turned into a context's own error (`codes`:
 * the context's code for each), details kept and `approvalCode` added.
 */
export function withContextCodes<T, C extends string>(step: () => T, codes: Readonly<Record<ApprovalErrorCode, C>>, toError: (code: C, message: string, details: ApprovalError['details']) => Error): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ApprovalError) throw toError(codes[error.code], error.message, { ...error.details, approvalCode: error.code });
    throw error;
  }
}
