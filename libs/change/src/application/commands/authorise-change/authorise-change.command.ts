/**
 * The authorisation decision, taken by the approval engine or the CAB when their policy decides:
 * Authorize -> Scheduled, or an emergency change already implementing flagged as retrospectively
 * authorised. `by`: who decided (the last approver, the CAB chair).
 */
export class AuthoriseChangeCommand {
  constructor(
    readonly changeId: string,
    readonly by: string,
    readonly reason: string | null = null,
  ) {}
}
