import { validatePolicy } from '@itsm/approval';
import type { ApprovalLevelDefinition, Condition } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { withChangeCodes } from './approval-errors';
import { ChangeError, ChangeErrorCode } from './change.errors';

/** An approval policy as the change context keeps it: the engine's policy plus its admin record. */
export interface ChangeApprovalPolicy extends ApprovalPolicy {
  readonly description: string;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** What an administrator gives (the id is the record's, the rest is validated by the engine). */
export interface ApprovalPolicyDraft {
  readonly name: string;
  readonly description: string;
  readonly order: number;
  readonly active: boolean;
  readonly appliesWhen: Condition | null;
  readonly autoApproveWhen: Condition | null;
  readonly levels: readonly ApprovalLevelDefinition[];
}

const MAX_DESCRIPTION = 2_000;

/** A new policy, or the next version of `previous`, validated (CHANGE.INVALID_INPUT with the offending path). */
export function defineApprovalPolicy(id: string, draft: ApprovalPolicyDraft, by: string, now: Date, previous?: ChangeApprovalPolicy): ChangeApprovalPolicy {
  if (draft.description.length > MAX_DESCRIPTION) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, `A policy's description holds at most ${MAX_DESCRIPTION} characters.`, { path: 'description' });
  }
  const policy = withChangeCodes(() => validatePolicy({ id, ...draft }));
  return { ...policy, description: draft.description, version: (previous?.version ?? 0) + 1, updatedBy: by, updatedAt: now };
}
