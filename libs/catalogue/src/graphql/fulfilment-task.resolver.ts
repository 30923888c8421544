import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { ActOnFulfilmentTaskCommand } from '../application/commands/act-on-fulfilment-task/act-on-fulfilment-task.command';
import { ActOnFulfilmentTaskHandler } from '../application/commands/act-on-fulfilment-task/act-on-fulfilment-task.handler';
import { AssignFulfilmentTaskCommand } from '../application/commands/assign-fulfilment-task/assign-fulfilment-task.command';
import { AssignFulfilmentTaskHandler } from '../application/commands/assign-fulfilment-task/assign-fulfilment-task.handler';
import { DecideRequestApprovalCommand } from '../application/commands/decide-request-approval/decide-request-approval.command';
import { DecideRequestApprovalHandler } from '../application/commands/decide-request-approval/decide-request-approval.handler';
import { MAX_PAGE, RequestReads } from '../application/queries/request-reads.service';
import type { TaskAction } from '../domain/fulfilment';
import { sequenceOfNumber } from '../domain/request';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { cursorPage, requestPage, toApprovalToDecideGql, toServiceRequestGql, toTaskViewGql } from './request-graphql.mapper';
import { REQUEST_READERS, TASK_WORKERS } from './request-role-sets';
import { FulfilmentTaskFilter } from './request.inputs';
import { ApprovalVerdictGql, FulfilmentTaskViewConnectionGql, FulfilmentTaskViewGql, RequestApprovalToDecideConnectionGql, ServiceRequestGql, TaskActionGql } from './request.types';
import type { RequestApprovalToDecideGql } from './request.types';

/** Fulfilment tasks (their groups' members; supplier agents their organisation's) and approvals to decide. */
@Resolver(() => FulfilmentTaskViewGql)
@UseFilters(catalogueErrorFilter)
export class FulfilmentTaskResolver {
  constructor(
    private readonly act: ActOnFulfilmentTaskHandler,
    private readonly assign: AssignFulfilmentTaskHandler,
    private readonly decide: DecideRequestApprovalHandler,
    private readonly reads: RequestReads,
  ) {}

  @Query(() => FulfilmentTaskViewGql, { description: 'One task of a group the caller works in, with the variables it needs' })
  @Roles(...TASK_WORKERS)
  async task(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<FulfilmentTaskViewGql> {
    return toTaskViewGql(await this.reads.task(viewer, id));
  }

  @ResolveReference()
  @Roles(...TASK_WORKERS)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<FulfilmentTaskViewGql> {
    return toTaskViewGql(await this.reads.task(viewer, reference.id));
  }

  @Query(() => FulfilmentTaskViewConnectionGql, { description: "Tasks of the caller's groups, newest request first (a page holds whole requests' tasks)" })
  @Roles(...TASK_WORKERS)
  async tasks(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: FulfilmentTaskFilter,
  ): Promise<ConnectionOf<FulfilmentTaskViewGql>> {
    const page = requestPage('rtask', { first, after }, MAX_PAGE);
    const answer = await this.reads.tasks(viewer, { ...filter }, page.first, page.after);
    const { page: items, cursorOf } = cursorPage('rtask', answer, (v) => sequenceOfNumber(v.requestNumber));
    return toConnection(items, cursorOf, toTaskViewGql);
  }

  @Mutation(() => FulfilmentTaskViewGql, { description: 'Starts, completes, fails or skips a task' })
  @Roles(...TASK_WORKERS)
  async actOnFulfilmentTask(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('action', { type: () => TaskActionGql }) action: TaskAction,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<FulfilmentTaskViewGql> {
    await this.act.execute(viewer, new ActOnFulfilmentTaskCommand(id, action, reason ?? null));
    return toTaskViewGql(await this.reads.task(viewer, id));
  }

  @Mutation(() => FulfilmentTaskViewGql, { description: 'Assigns a task to a member of its group (null: nobody)' })
  @Roles(...TASK_WORKERS)
  async assignFulfilmentTask(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('assigneeId', { type: () => ID, nullable: true }) assigneeId?: string | null,
  ): Promise<FulfilmentTaskViewGql> {
    await this.assign.execute(viewer, new AssignFulfilmentTaskCommand(id, assigneeId ?? null));
    return toTaskViewGql(await this.reads.task(viewer, id));
  }

  @Query(() => RequestApprovalToDecideConnectionGql, { description: 'Requested items awaiting the caller, with the levels they may decide' })
  @Roles(...REQUEST_READERS)
  async myApprovals(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionOf<RequestApprovalToDecideGql>> {
    const page = requestPage('rappr', { first, after }, MAX_PAGE);
    const answer = await this.reads.myApprovals(viewer, page.first, page.after);
    const { page: items, cursorOf } = cursorPage('rappr', answer, (v) => v.request.seq);
    return toConnection(items, cursorOf, toApprovalToDecideGql);
  }

  @Mutation(() => ServiceRequestGql, { description: "Approves or rejects a requested item's pending level" })
  @Roles(...REQUEST_READERS)
  async decideRequestApproval(
    @CurrentPrincipal() viewer: Principal,
    @Args('requestedItemId', { type: () => ID }) requestedItemId: string,
    @Args('decision', { type: () => ApprovalVerdictGql }) decision: 'approved' | 'rejected',
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
    @Args('level', { type: () => Int, nullable: true }) level?: number | null,
  ): Promise<ServiceRequestGql> {
    const request = await this.decide.execute(viewer, new DecideRequestApprovalCommand(requestedItemId, decision, comment ?? null, level ?? null));
    return toServiceRequestGql(await this.reads.request(viewer, request.id));
  }
}
