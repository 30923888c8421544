/** An administrator deletes a policy (running approvals keep their levels; deactivate it to keep the record). */
export class DeleteApprovalPolicyCommand {
  constructor(readonly policyId: string) {}
}
