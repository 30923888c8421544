import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DefineApprovalPolicyCommand } from '../application/commands/define-approval-policy/define-approval-policy.command';
import { DefineApprovalPolicyHandler } from '../application/commands/define-approval-policy/define-approval-policy.handler';
import { DelegateApprovalsCommand } from '../application/commands/delegate-approvals/delegate-approvals.command';
import { DelegateApprovalsHandler } from '../application/commands/delegate-approvals/delegate-approvals.handler';
import { DeleteApprovalPolicyCommand } from '../application/commands/delete-approval-policy/delete-approval-policy.command';
import { DeleteApprovalPolicyHandler } from '../application/commands/delete-approval-policy/delete-approval-policy.handler';
import { ReviseApprovalPolicyCommand } from '../application/commands/revise-approval-policy/revise-approval-policy.command';
import { ReviseApprovalPolicyHandler } from '../application/commands/revise-approval-policy/revise-approval-policy.handler';
import { RevokeApprovalDelegationCommand } from '../application/commands/revoke-approval-delegation/revoke-approval-delegation.command';
import { RevokeApprovalDelegationHandler } from '../application/commands/revoke-approval-delegation/revoke-approval-delegation.handler';
import { ApprovalDelegationStore, ApprovalPolicyStore } from '../application/ports/approval-stores.port';
import { ChangeError, ChangeErrorCode } from '../domain';
import { policyDraftFrom, toDelegationGql, toPolicyGql } from './change-approval-graphql.mapper';
import { DelegateApprovalsInput, ApprovalPolicyInput } from './change-approval.inputs';
import { ApprovalDelegationGql, ApprovalPolicyGql } from './change-approval.types';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';

/** Approval policies (admins define, change managers read) and delegations (each approver their own; managers anybody's). */
@Resolver()
@UseFilters(changeErrorFilter)
export class ApprovalAdminResolver {
  constructor(
    private readonly policies: ApprovalPolicyStore,
    private readonly delegations: ApprovalDelegationStore,
    private readonly defineHandler: DefineApprovalPolicyHandler,
    private readonly reviseHandler: ReviseApprovalPolicyHandler,
    private readonly deleteHandler: DeleteApprovalPolicyHandler,
    private readonly delegateHandler: DelegateApprovalsHandler,
    private readonly revokeHandler: RevokeApprovalDelegationHandler,
    private readonly clock: Clock,
  ) {}

  @Query(() => [ApprovalPolicyGql], { description: 'Every approval policy, by evaluation order' })
  @Roles(...CHANGE_MANAGERS)
  async approvalPolicies(): Promise<ApprovalPolicyGql[]> {
    return (await this.policies.all()).map(toPolicyGql);
  }

  @Query(() => ApprovalPolicyGql)
  @Roles(...CHANGE_MANAGERS)
  async approvalPolicy(@Args('id', { type: () => ID }) id: string): Promise<ApprovalPolicyGql> {
    const policy = await this.policies.byId(id);
    if (policy === undefined) throw new ChangeError(ChangeErrorCode.PolicyNotFound, `approval policy ${id} not found`, { policyId: id });
    return toPolicyGql(policy);
  }

  @Mutation(() => ApprovalPolicyGql, { description: 'Admin: a new approval policy (validated: levels, rules, quorum 1-100, conditions)' })
  @Roles('admin')
  async defineApprovalPolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: ApprovalPolicyInput): Promise<ApprovalPolicyGql> {
    return toPolicyGql(await this.defineHandler.execute(new DefineApprovalPolicyCommand(principal.userId, policyDraftFrom(input))));
  }

  @Mutation(() => ApprovalPolicyGql, { description: 'Admin: replaces a policy (running approvals keep their levels)' })
  @Roles('admin')
  async reviseApprovalPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input') input: ApprovalPolicyInput,
  ): Promise<ApprovalPolicyGql> {
    return toPolicyGql(await this.reviseHandler.execute(new ReviseApprovalPolicyCommand(principal.userId, id, expectedVersion, policyDraftFrom(input))));
  }

  @Mutation(() => Boolean, { description: 'Admin: deletes a policy' })
  @Roles('admin')
  async deleteApprovalPolicy(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.deleteHandler.execute(new DeleteApprovalPolicyCommand(id));
    return true;
  }

  @Mutation(() => ApprovalDelegationGql, { description: 'Lets another person decide my approvals for a period (managers: anybody\'s)' })
  @Roles(...CHANGE_READERS)
  async delegateApprovals(@CurrentPrincipal() principal: Principal, @Args('input') input: DelegateApprovalsInput): Promise<ApprovalDelegationGql> {
    const request = { delegatorId: input.delegatorId ?? principal.userId, delegateId: input.delegateId, start: input.start, end: input.end, reason: input.reason ?? null };
    return toDelegationGql(await this.delegateHandler.execute(new DelegateApprovalsCommand(principal, request)));
  }

  @Mutation(() => ApprovalDelegationGql, { description: 'Ends a delegation now' })
  @Roles(...CHANGE_READERS)
  async revokeApprovalDelegation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ApprovalDelegationGql> {
    return toDelegationGql(await this.revokeHandler.execute(new RevokeApprovalDelegationCommand(principal, id)));
  }

  @Query(() => [ApprovalDelegationGql], { description: 'Delegations I gave or received that have not ended' })
  @Roles(...CHANGE_READERS)
  async myApprovalDelegations(@CurrentPrincipal() principal: Principal): Promise<ApprovalDelegationGql[]> {
    return (await this.delegations.currentOf(principal.userId, this.clock.now())).map(toDelegationGql);
  }

  @Query(() => [ApprovalDelegationGql], { description: "Change managers: a person's delegations that have not ended" })
  @Roles(...CHANGE_MANAGERS)
  async approvalDelegations(@Args('personId') personId: string): Promise<ApprovalDelegationGql[]> {
    return (await this.delegations.currentOf(personId, this.clock.now())).map(toDelegationGql);
  }
}
