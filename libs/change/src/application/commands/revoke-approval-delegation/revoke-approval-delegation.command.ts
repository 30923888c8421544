import type { DelegatingActor } from '../delegate-approvals/delegate-approvals.command';

/** Ends a delegation now (the delegator, or an administrator or change manager). */
export class RevokeApprovalDelegationCommand {
  constructor(
    readonly actor: DelegatingActor,
    readonly delegationId: string,
  ) {}
}
