import { ApprovalError, ApprovalErrorCode, withContextCodes } from '@itsm/approval';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import type { CatalogueError } from '../catalogue.errors';

/** The catalogue's code for each approval-engine refusal (one table for services' go-live and requests' approvals). */
export const APPROVAL_CODES: Readonly<Record<ApprovalErrorCode, CatalogueErrorCode>> = {
  [ApprovalErrorCode.InvalidPolicy]: CatalogueErrorCode.InvalidInput,
  [ApprovalErrorCode.InvalidCondition]: CatalogueErrorCode.InvalidInput,
  [ApprovalErrorCode.InvalidDelegation]: CatalogueErrorCode.InvalidInput,
  [ApprovalErrorCode.NoApprovers]: CatalogueErrorCode.IllegalTransition,
  [ApprovalErrorCode.AlreadyDecided]: CatalogueErrorCode.Conflict,
  [ApprovalErrorCode.NotPending]: CatalogueErrorCode.IllegalTransition,
  [ApprovalErrorCode.NotEntitled]: CatalogueErrorCode.Forbidden,
};

/**
 * The approval engine's refusal as the catalogue's own code (its details kept, `approvalCode` the
 * engine's code, plus `details`); any other error as it is. Use as `catch (e) { throw approvalRefusal(e, {...}) }`.
 */
export function approvalRefusal(error: unknown, details: CatalogueError['details'] = {}): unknown {
  if (!(error instanceof ApprovalError)) return error;
  return catalogueError(APPROVAL_CODES[error.code], error.message, { ...error.details, approvalCode: error.code, ...details });
}

/**
 * Runs an approval-engine step, its refusals as the catalogue's codes (`overrides`: another code for
 * some refusals where the step means more, e.g. an order nobody can approve is not orderable).
 */
export function withApprovalErrors<T>(step: () => T, overrides: Partial<Record<ApprovalErrorCode, CatalogueErrorCode>> = {}): T {
  return withContextCodes(step, { ...APPROVAL_CODES, ...overrides }, catalogueError);
}
