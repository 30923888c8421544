import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { RequestState, TaskState } from '../../domain/fulfilment';
import type { RequestEvent, ServiceRequest } from '../../domain/request';

/** Whose requests a list may show: every request (catalogue admins), or those a person ordered or they are for. */
export type RequestScope = { readonly kind: 'all' } | { readonly kind: 'person'; readonly personId: string };

export interface RequestListFilter {
  readonly states?: readonly RequestState[];
  readonly requestedForId?: string;
  readonly catalogItemId?: string;
}

export interface RequestPage {
  readonly items: readonly ServiceRequest[];
  readonly hasNextPage: boolean;
}

/** Tasks of some groups (the caller's, or the one asked for and allowed), optionally in some states. */
export interface TaskListFilter {
  readonly groupIds: readonly string[];
  readonly states?: readonly TaskState[];
}

/**
 * Service requests, one document each (state, items, approvals, tasks, comments and the outbox of
 * `itsm.request.v1` written together). Reads never load the outbox.
 */
export abstract class ServiceRequestStore implements AggregateStore<ServiceRequest, RequestEvent> {
  abstract create(request: ServiceRequest, events: readonly RequestEvent[]): Promise<SaveResult>;
  abstract load(id: string): Promise<Loaded<ServiceRequest> | undefined>;
  abstract save(loaded: Loaded<ServiceRequest>, request: ServiceRequest, events: readonly RequestEvent[], consumed?: EventEnvelope): Promise<SaveResult>;
  abstract byId(id: string): Promise<ServiceRequest | undefined>;
  /** The request holding a requested item (RITM id). */
  abstract byItemId(requestedItemId: string): Promise<ServiceRequest | undefined>;
  /** The request holding a fulfilment task (TASK id). */
  abstract byTaskId(taskId: string): Promise<ServiceRequest | undefined>;
  /** Newest first (by number); `afterSeq`: the cursor, the last seq of the previous page. */
  abstract list(scope: RequestScope, filter: RequestListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage>;
  /** Requests with a task of the filter's groups, newest first, `first` requests at most from `afterSeq` on. */
  abstract withTasks(filter: TaskListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage>;
  /** Requests where `personId` holds an undecided seat of a pending approval level, newest first. */
  abstract awaitingApprover(personId: string, first: number, afterSeq: number | undefined): Promise<RequestPage>;
}

/** REQ, RITM and TASK numbers from 1000 (the platform's number sequence). */
export abstract class RequestNumbers {
  abstract next(prefix: 'REQ' | 'RITM' | 'TASK'): Promise<string>;
}
