import { ApprovalError, ApprovalErrorCode } from '@itsm/approval';
import { ChangeError, ChangeErrorCode } from './change.errors';

const CODES: Readonly<Record<ApprovalErrorCode, ChangeErrorCode>> = {
  [ApprovalErrorCode.InvalidPolicy]: ChangeErrorCode.InvalidInput,
  [ApprovalErrorCode.InvalidCondition]: ChangeErrorCode.InvalidInput,
  [ApprovalErrorCode.InvalidDelegation]: ChangeErrorCode.InvalidInput,
  [ApprovalErrorCode.NoApprovers]: ChangeErrorCode.NoApprovers,
  [ApprovalErrorCode.NotEntitled]: ChangeErrorCode.NotEntitled,
  [ApprovalErrorCode.AlreadyDecided]: ChangeErrorCode.AlreadyDecided,
  [ApprovalErrorCode.NotPending]: ChangeErrorCode.IllegalTransition,
};

/** Runs an approval-engine step, turning its APPROVAL.* refusals into the change context's codes (details kept). */
export function withChangeCodes<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ApprovalError) throw new ChangeError(CODES[error.code], error.message, { ...error.details, approvalCode: error.code });
    throw error;
  }
}
