import { ApprovalError, ApprovalErrorCode } from '@itsm/approval';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import type { CatalogueError } from '../catalogue.errors';

function codeOf(code: ApprovalErrorCode): CatalogueErrorCode {
  switch (code) {
    case ApprovalErrorCode.InvalidPolicy:
    case ApprovalErrorCode.InvalidCondition:
    case ApprovalErrorCode.InvalidDelegation:
      return CatalogueErrorCode.InvalidInput;
    case ApprovalErrorCode.NoApprovers:
    case ApprovalErrorCode.AlreadyDecided:
    case ApprovalErrorCode.NotPending:
      return CatalogueErrorCode.IllegalTransition;
    case ApprovalErrorCode.NotEntitled:
      return CatalogueErrorCode.Forbidden;
  }
}

/**
 * The approval engine's refusal as the catalogue's own code (its details kept, `reason` the engine's
 * code, plus `details`); any other error as it is. Use as `catch (e) { throw approvalRefusal(e, {...}) }`.
 */
export function approvalRefusal(error: unknown, details: CatalogueError['details'] = {}): unknown {
  if (!(error instanceof ApprovalError)) return error;
  return catalogueError(codeOf(error.code), error.message, { ...error.details, reason: error.code, ...details });
}
