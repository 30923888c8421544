/** An admin checks a change's audit chain. */
export class VerifyChangeAuditQuery {
  constructor(readonly changeId: string) {}
}
