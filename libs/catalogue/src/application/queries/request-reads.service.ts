import { levelsAwaiting } from '@itsm/approval';
import type { ApprovalLevel } from '@itsm/approval';
import { Clock } from '@itsm/platform/config';
import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../domain/catalogue.errors';
import { planTask } from '../../domain/fulfilment';
import type { TaskState } from '../../domain/fulfilment';
import { taskVariables } from '../../domain/forms';
import type { FormValues } from '../../domain/forms';
import { findTask, taskState } from '../../domain/request';
import type { FulfilmentTaskRecord, RequestedItem, ServiceRequest } from '../../domain/request';
import { OrderableItems } from '../ports/orderable-items.port';
import { ServiceRequestStore } from '../ports/service-request-store.port';
import type { RequestListFilter } from '../ports/service-request-store.port';
import { notFound, RequestAccess } from '../request-access.service';

/** A request as one viewer may read it: a requester's copy without work notes. */
export interface RequestView {
  readonly request: ServiceRequest;
}

/** A task as its fulfillers read it: the item's facts and only the variables the task needs (never the whole form). */
export interface TaskView {
  readonly requestId: string;
  readonly requestNumber: string;
  readonly item: RequestedItem;
  readonly task: FulfilmentTaskRecord;
  readonly state: TaskState;
  readonly variables: FormValues;
}

/** A requested item awaiting the viewer's decision, with the levels they may decide. */
export interface ApprovalView {
  readonly request: ServiceRequest;
  readonly item: RequestedItem;
  readonly levels: readonly ApprovalLevel[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  /** The last request's seq on the page: the next page's cursor. */
  readonly endSeq: number | undefined;
}

/** The largest page a list answers. */
export const MAX_PAGE = 100;

/** Requests, tasks and approvals as the viewer may see them (RequestAccess's rules). */
@Injectable()
export class RequestReads {
  constructor(
    private readonly store: ServiceRequestStore,
    private readonly access: RequestAccess,
    private readonly clock: Clock,
    private readonly items: OrderableItems,
  ) {}

  async request(viewer: Principal, requestId: string): Promise<RequestView> {
    const request = await this.store.byId(requestId);
    if (request === undefined) throw notFound(requestId);
    return this.view(viewer, request);
  }

  async requestOfItem(viewer: Principal, requestedItemId: string): Promise<RequestView> {
    const request = await this.store.byItemId(requestedItemId);
    if (request === undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No requested item ${requestedItemId}.`, { requestedItemId });
    return this.view(viewer, request);
  }

  /** A requester's own requests (ordered by or for them); every request for catalogue admins. */
  async requests(viewer: Principal, filter: RequestListFilter, first: number, afterSeq: number | undefined): Promise<Page<RequestView>> {
    if (RequestAccess.isSupplier(viewer)) throw catalogueError(CatalogueErrorCode.Forbidden, 'A supplier agent sees tasks, not requests.', {});
    const scope = RequestAccess.isAdmin(viewer) ? ({ kind: 'all' } as const) : ({ kind: 'person', personId: viewer.userId } as const);
    const page = await this.store.list(scope, filter, pageSize(first), afterSeq);
    return { items: await Promise.all(page.items.map((r) => this.view(viewer, r))), hasNextPage: page.hasNextPage, endSeq: page.items.at(-1)?.seq };
  }

  async task(viewer: Principal, taskId: string): Promise<TaskView> {
    const request = await this.store.byTaskId(taskId);
    const found = request === undefined ? undefined : findTask(request, taskId);
    if (request === undefined || found === undefined || !(await this.access.works(viewer, found.task))) throw catalogueError(CatalogueErrorCode.NotFound, `No task ${taskId}.`, { taskId });
    return this.taskView(request, found.item, found.task);
  }

  /** The tasks of the viewer's groups (`groupId`: one of them), in some states, newest request first; the page is by request. */
  async tasks(viewer: Principal, filter: { readonly groupId?: string; readonly states?: readonly TaskState[] }, first: number, afterSeq: number | undefined): Promise<Page<TaskView>> {
    const mine = await this.access.groupIds(viewer);
    if (filter.groupId !== undefined && !mine.has(filter.groupId)) throw catalogueError(CatalogueErrorCode.Forbidden, `${viewer.userId} is not in group ${filter.groupId}.`, { groupId: filter.groupId });
    const groupIds = filter.groupId === undefined ? [...mine] : [filter.groupId];
    if (groupIds.length === 0) return { items: [], hasNextPage: false, endSeq: undefined };
    const page = await this.store.withTasks({ groupIds, ...(filter.states === undefined ? {} : { states: filter.states }) }, pageSize(first), afterSeq);
    const views: TaskView[] = [];
    for (const request of page.items) {
      for (const item of request.items) {
        for (const task of item.tasks) {
          const state = taskState(item, task);
          if (!groupIds.includes(task.groupId) || (filter.states?.length && !filter.states.includes(state))) continue;
          if (await this.access.works(viewer, task)) views.push(await this.taskView(request, item, task));
        }
      }
    }
    return { items: views, hasNextPage: page.hasNextPage, endSeq: page.items.at(-1)?.seq };
  }

  /** The requested items with a pending level where the viewer holds an undecided seat. */
  async myApprovals(viewer: Principal, first: number, afterSeq: number | undefined): Promise<Page<ApprovalView>> {
    const page = await this.store.awaitingApprover(viewer.userId, pageSize(first), afterSeq);
    const now = this.clock.now();
    const views = page.items.flatMap((request) =>
      request.items.flatMap((item) => {
        const levels = item.approval === null ? [] : levelsAwaiting(item.approval, viewer.userId, [], now);
        return levels.length === 0 ? [] : [{ request, item, levels }];
      }),
    );
    return { items: views, hasNextPage: page.hasNextPage, endSeq: page.items.at(-1)?.seq };
  }

  private async view(viewer: Principal, request: ServiceRequest): Promise<RequestView> {
    const relation = await this.access.assertSees(viewer, request);
    return { request: relation === 'requester' ? { ...request, comments: request.comments.filter((c) => c.visibility === 'public') } : request };
  }

  private async taskView(request: ServiceRequest, item: RequestedItem, task: FulfilmentTaskRecord): Promise<TaskView> {
    const version = await this.items.version(item.catalogItemId, item.catalogItemVersion);
    if (version === null) throw new Error(`catalogue item ${item.catalogItemId} version ${item.catalogItemVersion} is gone: versions are kept for their requests`);
    const variables = taskVariables(version.form, item.variables, planTask(item.plan, task.key).variables);
    return { requestId: request.id, requestNumber: request.number, item, task, state: taskState(item, task), variables };
  }
}

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw catalogueError(CatalogueErrorCode.InvalidInput, `first is 1 to ${MAX_PAGE}.`, { field: 'first' });
  return first;
}
