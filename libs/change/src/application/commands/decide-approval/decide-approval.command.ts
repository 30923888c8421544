import type { ApprovalVerdict } from '@itsm/approval';

/** An approver (or a delegate standing in for one) approves or rejects the change's pending approval level. */
export class DecideApprovalCommand {
  constructor(
    readonly changeId: string,
    readonly decision: ApprovalVerdict,
    readonly comment: string | null,
    /** Decide as this approver (who delegated to the caller); null: the caller's own seat first. */
    readonly onBehalfOf: string | null = null,
    /** Decide on this level; null: the lowest pending level the caller may decide. */
    readonly level: number | null = null,
  ) {}
}
