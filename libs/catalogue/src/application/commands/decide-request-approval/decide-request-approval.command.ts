import type { ApprovalVerdict } from '@itsm/approval';

/** An approver decides on a requested item's pending approval level. */
export class DecideRequestApprovalCommand {
  constructor(
    readonly requestedItemId: string,
    readonly decision: ApprovalVerdict,
    readonly comment: string | null,
    /** Decide on this level; null: the lowest pending level where the caller holds an undecided seat. */
    readonly level: number | null = null,
  ) {}
}
