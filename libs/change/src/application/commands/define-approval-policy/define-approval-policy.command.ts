import type { ApprovalPolicyDraft } from '../../../domain';

/** An administrator defines a new approval policy. */
export class DefineApprovalPolicyCommand {
  constructor(
    readonly by: string,
    readonly draft: ApprovalPolicyDraft,
  ) {}
}
