import type { EventEnvelope } from '@itsm/contracts';
import { Types } from 'mongoose';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { RequestNumbers, ServiceRequestStore } from '../ports/service-request-store.port';
import type { RequestListFilter, RequestPage, RequestScope, TaskListFilter } from '../ports/service-request-store.port';
import type { RequestEvent, ServiceRequest } from '../../domain/request';

interface Row {
  readonly request: ServiceRequest;
  readonly version: number;
}

/** Service requests in memory with the repository's rules (optimistic version, newest first); `saved` records every write's events. */
export class InMemoryServiceRequests extends ServiceRequestStore {
  private readonly rows = new Map<string, Row>();
  readonly saved: { readonly request: ServiceRequest; readonly events: readonly RequestEvent[] }[] = [];

  create(request: ServiceRequest, events: readonly RequestEvent[]): Promise<SaveResult> {
    if (this.rows.has(request.id)) throw new Error(`request ${request.id} exists`);
    this.rows.set(request.id, { request, version: 1 });
    this.saved.push({ request, events });
    return Promise.resolve({ status: 'saved', version: 1 });
  }

  load(id: string): Promise<Loaded<ServiceRequest> | undefined> {
    const row = this.rows.get(id);
    if (row === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: new Types.ObjectId(), aggregate: row.request, version: row.version, unpublished: [], hasApplied: () => false });
  }

  save(loaded: Loaded<ServiceRequest>, request: ServiceRequest, events: readonly RequestEvent[], _consumed?: EventEnvelope): Promise<SaveResult> {
    const row = this.rows.get(request.id);
    if (row === undefined || row.version !== loaded.version) return Promise.reject(Object.assign(new Error('conflict'), { code: 'PERSISTENCE.CONFLICT' }));
    this.rows.set(request.id, { request, version: row.version + 1 });
    this.saved.push({ request, events });
    return Promise.resolve({ status: 'saved', version: row.version + 1 });
  }

  byId(id: string): Promise<ServiceRequest | undefined> {
    return Promise.resolve(this.rows.get(id)?.request);
  }

  byItemId(requestedItemId: string): Promise<ServiceRequest | undefined> {
    return Promise.resolve(this.all().find((r) => r.items.some((i) => i.id === requestedItemId)));
  }

  byTaskId(taskId: string): Promise<ServiceRequest | undefined> {
    return Promise.resolve(this.all().find((r) => r.items.some((i) => i.tasks.some((t) => t.id === taskId))));
  }

  list(scope: RequestScope, filter: RequestListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    return this.page(
      (r) =>
        (scope.kind === 'all' || r.requestedById === scope.personId || r.requestedForId === scope.personId) &&
        (filter.states === undefined || filter.states.length === 0 || filter.states.includes(r.state)) &&
        (filter.requestedForId === undefined || r.requestedForId === filter.requestedForId) &&
        (filter.catalogItemId === undefined || r.items.some((i) => i.catalogItemId === filter.catalogItemId)),
      first,
      afterSeq,
    );
  }

  withTasks(filter: TaskListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    return this.page(
      (r) => r.items.some((i) => i.tasks.some((t) => filter.groupIds.includes(t.groupId) && (filter.states === undefined || filter.states.length === 0 || filter.states.includes(i.fulfilment.tasks[t.key] ?? 'pending')))),
      first,
      afterSeq,
    );
  }

  awaitingApprover(personId: string, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    return this.page((r) => r.items.some((i) => i.approval?.outcome === 'pending' && i.approval.levels.some((l) => l.status === 'pending' && l.approverIds.includes(personId) && !l.decisions.some((d) => (d.onBehalfOf ?? d.approverId) === personId))), first, afterSeq);
  }

  /** Every event written, in order. */
  events(): RequestEvent[] {
    return this.saved.flatMap((s) => s.events);
  }

  private all(): ServiceRequest[] {
    return [...this.rows.values()].map((r) => r.request).sort((a, b) => b.seq - a.seq);
  }

  private page(keep: (r: ServiceRequest) => boolean, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    const matching = this.all().filter((r) => (afterSeq === undefined || r.seq < afterSeq) && keep(r));
    return Promise.resolve({ items: matching.slice(0, first), hasNextPage: matching.length > first });
  }
}

/** REQ, RITM and TASK numbers from 1000, one counter per prefix. */
export class InMemoryRequestNumbers extends RequestNumbers {
  private readonly values = new Map<string, number>();

  next(prefix: 'REQ' | 'RITM' | 'TASK'): Promise<string> {
    const value = (this.values.get(prefix) ?? 999) + 1;
    this.values.set(prefix, value);
    return Promise.resolve(`${prefix}${String(value).padStart(7, '0')}`);
  }
}
