import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DecideApprovalCommand } from '../application/commands/decide-approval/decide-approval.command';
import { DecideApprovalHandler } from '../application/commands/decide-approval/decide-approval.handler';
import { MyPendingApprovalsQuery } from '../application/queries/my-pending-approvals/my-pending-approvals.query';
import { MyPendingApprovalsHandler } from '../application/queries/my-pending-approvals/my-pending-approvals.handler';
import { changeCursor, changePage, toChangeGql } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_READERS } from './change-role-sets';
import { DecideApprovalInput } from './change-approval.inputs';
import { ChangeConnectionGql, ChangeGql } from './change.types';

const MAX_PENDING_PAGE = 100;

/** Approvers at work: their decisions and what waits for them (entitlement is the approval's, not the role's). */
@Resolver(() => ChangeGql)
@UseFilters(changeErrorFilter)
export class ChangeApprovalResolver {
  constructor(
    private readonly decide: DecideApprovalHandler,
    private readonly pending: MyPendingApprovalsHandler,
  ) {}

  @Mutation(() => ChangeGql, { description: "Approve or reject the change's pending approval level (as an approver, or a delegate of one); CHANGE.NOT_ENTITLED otherwise" })
  @Roles(...CHANGE_READERS)
  async decideApproval(@CurrentPrincipal() viewer: Principal, @Args('input') input: DecideApprovalInput): Promise<ChangeGql> {
    const command = new DecideApprovalCommand(input.changeId, input.decision, input.comment ?? null, input.onBehalfOf ?? null, input.level ?? null);
    return toChangeGql(await this.decide.execute(viewer, command));
  }

  @Query(() => ChangeConnectionGql, { description: 'Changes waiting for my decision (or that of someone who delegated to me), newest first' })
  @Roles(...CHANGE_READERS)
  async myPendingApprovals(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<ChangeGql>> {
    const request = changePage({ first, after }, MAX_PENDING_PAGE);
    return toConnection(await this.pending.execute(viewer, new MyPendingApprovalsQuery(request.first, request.after)), changeCursor, toChangeGql);
  }
}
