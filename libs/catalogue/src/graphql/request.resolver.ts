import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { AddRequestCommentCommand } from '../application/commands/add-request-comment/add-request-comment.command';
import { AddRequestCommentHandler } from '../application/commands/add-request-comment/add-request-comment.handler';
import { CancelRequestCommand } from '../application/commands/cancel-request/cancel-request.command';
import { CancelRequestHandler } from '../application/commands/cancel-request/cancel-request.handler';
import { OrderCatalogItemsCommand } from '../application/commands/order-catalog-items/order-catalog-items.command';
import { OrderCatalogItemsHandler } from '../application/commands/order-catalog-items/order-catalog-items.handler';
import { MAX_PAGE, RequestReads } from '../application/queries/request-reads.service';
import type { CommentVisibility } from '../domain/request';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { cursorPage, orderLineOf, requestPage, toServiceRequestGql } from './request-graphql.mapper';
import { REQUEST_ORDERERS, REQUEST_READERS, TASK_WORKERS } from './request-role-sets';
import { OrderCatalogItemsInput, ServiceRequestFilter } from './request.inputs';
import { CommentVisibilityGql, ServiceRequestConnectionGql, ServiceRequestGql } from './request.types';

/** Ordering, reading, cancelling and commenting requests; what each caller sees is RequestAccess's rule. */
@Resolver(() => ServiceRequestGql)
@UseFilters(catalogueErrorFilter)
export class RequestResolver {
  constructor(
    private readonly order: OrderCatalogItemsHandler,
    private readonly cancel: CancelRequestHandler,
    private readonly comment: AddRequestCommentHandler,
    private readonly reads: RequestReads,
  ) {}

  @Mutation(() => ServiceRequestGql, { description: 'Orders a cart: one request, one requested item per line' })
  @Roles(...REQUEST_ORDERERS)
  async orderCatalogItems(@CurrentPrincipal() viewer: Principal, @Args('input') input: OrderCatalogItemsInput): Promise<ServiceRequestGql> {
    const lines = input.lines.map(orderLineOf);
    const request = await this.order.execute(viewer, new OrderCatalogItemsCommand(lines, input.requestedForId ?? null));
    return toServiceRequestGql(await this.reads.request(viewer, request.id));
  }

  @Query(() => ServiceRequestGql, { description: 'One request the caller ordered, is for, approves or fulfils' })
  @Roles(...REQUEST_READERS)
  async request(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ServiceRequestGql> {
    return toServiceRequestGql(await this.reads.request(viewer, id));
  }

  @ResolveReference()
  @Roles(...REQUEST_READERS)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ServiceRequestGql> {
    return toServiceRequestGql(await this.reads.request(viewer, reference.id));
  }

  @Query(() => ServiceRequestGql, { description: 'The request of one requested item (RITM)' })
  @Roles(...REQUEST_READERS)
  async requestedItem(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ServiceRequestGql> {
    return toServiceRequestGql(await this.reads.requestOfItem(viewer, id));
  }

  @Query(() => ServiceRequestConnectionGql, { description: 'Requests ordered by or for the caller (every request for catalogue admins), newest first' })
  @Roles(...REQUEST_READERS)
  async requests(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: ServiceRequestFilter,
  ): Promise<ConnectionOf<ServiceRequestGql>> {
    const page = requestPage('req', { first, after }, MAX_PAGE);
    const answer = await this.reads.requests(viewer, { ...filter }, page.first, page.after);
    const { page: items, cursorOf } = cursorPage('req', answer, (v) => v.request.seq);
    return toConnection(items, cursorOf, toServiceRequestGql);
  }

  @Mutation(() => ServiceRequestGql, { description: 'Withdraws a request (its requester or the person it is for)' })
  @Roles(...REQUEST_ORDERERS)
  async cancelRequest(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string | null): Promise<ServiceRequestGql> {
    await this.cancel.execute(viewer, new CancelRequestCommand(id, reason ?? null));
    return toServiceRequestGql(await this.reads.request(viewer, id));
  }

  @Mutation(() => Boolean, { description: 'A comment (public) or work note (internal) on a request, one of its items or tasks' })
  @Roles(...TASK_WORKERS)
  async addRequestComment(
    @CurrentPrincipal() viewer: Principal,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('text') text: string,
    @Args('visibility', { type: () => CommentVisibilityGql, defaultValue: 'public' }) visibility: CommentVisibility,
    @Args('requestedItemId', { type: () => ID, nullable: true }) requestedItemId?: string | null,
    @Args('taskId', { type: () => ID, nullable: true }) taskId?: string | null,
  ): Promise<boolean> {
    await this.comment.execute(viewer, new AddRequestCommentCommand(requestId, visibility, text, requestedItemId ?? null, taskId ?? null));
    return true;
  }
}
