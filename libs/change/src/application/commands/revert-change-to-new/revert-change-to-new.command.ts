/** Back to New from Assess, Authorize or Scheduled (pending approvals are canceled on its event). */
export class RevertChangeToNewCommand {
  constructor(readonly changeId: string, readonly reason: string | null) {}
}
