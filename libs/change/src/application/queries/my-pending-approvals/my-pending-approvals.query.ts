/** The changes waiting for the caller's decision, as an approver or as a delegate of one. */
export class MyPendingApprovalsQuery {
  constructor(
    readonly first: number,
    readonly afterSeq: number | undefined,
  ) {}
}
