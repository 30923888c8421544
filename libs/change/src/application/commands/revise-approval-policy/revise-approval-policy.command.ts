import type { ApprovalPolicyDraft } from '../../../domain';

/** An administrator replaces a policy's definition; `expectedVersion` is the version they edited. */
export class ReviseApprovalPolicyCommand {
  constructor(
    readonly by: string,
    readonly policyId: string,
    readonly expectedVersion: number,
    readonly draft: ApprovalPolicyDraft,
  ) {}
}
