import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Parent, Resolver, ResolveReference } from '@nestjs/graphql';
import { RequestReads } from '../application/queries/request-reads.service';
import { CatalogueErrorCode, catalogueError } from '../domain/catalogue.errors';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { toRequestedItemGql, toTaskViewGql } from './request-graphql.mapper';
import { REQUEST_READERS, TASK_WORKERS } from './request-role-sets';
import { FulfilmentTaskGql, RequestedItemGql } from './request.types';

/** A requested item by reference (federation: another subgraph names it by id), as its request's readers see it. */
@Resolver(() => RequestedItemGql)
@UseFilters(catalogueErrorFilter)
export class RequestedItemReferenceResolver {
  constructor(private readonly reads: RequestReads) {}

  @ResolveReference()
  @Roles(...REQUEST_READERS)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<RequestedItemGql> {
    const { request } = await this.reads.requestOfItem(viewer, reference.id);
    const item = request.items.find((i) => i.id === reference.id);
    if (item === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No requested item ${reference.id}.`, { requestedItemId: reference.id });
    return toRequestedItemGql(item);
  }
}

/** A fulfilment task by reference, for whoever works it (RequestReads.task's rule). */
@Resolver(() => FulfilmentTaskGql)
@UseFilters(catalogueErrorFilter)
export class FulfilmentTaskReferenceResolver {
  constructor(private readonly reads: RequestReads) {}

  @ResolveReference()
  @Roles(...TASK_WORKERS)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<FulfilmentTaskGql> {
    return toTaskViewGql(await this.reads.task(viewer, reference.id));
  }
}
