import { requestSubject } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { AggregateRepository } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { ServiceRequestStore } from '../application/ports/service-request-store.port';
import type { RequestListFilter, RequestPage, RequestScope, TaskListFilter } from '../application/ports/service-request-store.port';
import type { RequestEvent, ServiceRequest } from '../domain/request';
import { toRequestEnvelopes } from './request.envelopes';
import { serviceRequestMapper, serviceRequestOfDocument } from './service-request.mapper';
import type { StoredRequest } from './service-request.mapper';
import type { ServiceRequestDocument } from './service-request.schema';

type Stored = StoredDocument<ServiceRequestDocument> & { _id: Types.ObjectId };
type Filter = FilterQuery<StoredDocument<ServiceRequestDocument>>;

/** Reads never load the outbox. */
const RECORD_ONLY = { _outbox: 0 } as const;

/**
 * Service requests in MongoDB: `_id` = requestSubject(id) (also the events' Kafka key); the
 * request, its items' approvals and tasks, and its outbox events written in ONE document update.
 */
export class ServiceRequestRepository extends ServiceRequestStore {
  private readonly aggregates: AggregateRepository<StoredRequest, ServiceRequestDocument>;
  private readonly positions = new WeakMap<Loaded<ServiceRequest>, Loaded<StoredRequest>>();

  constructor(
    private readonly model: Model<StoredDocument<ServiceRequestDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, serviceRequestMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(requestSubject(id));
  }

  create(request: ServiceRequest, events: readonly RequestEvent[]): Promise<SaveResult> {
    const key = ServiceRequestRepository.keyOf(request.id);
    return this.aggregates.create(key, { request, streamPosition: events.length }, toRequestEnvelopes(key.toHexString(), 0, events));
  }

  async load(id: string): Promise<Loaded<ServiceRequest> | undefined> {
    const record = await this.aggregates.load(ServiceRequestRepository.keyOf(id));
    if (record === undefined) return undefined;
    const loaded: Loaded<ServiceRequest> = { ...record, aggregate: record.aggregate.request, hasApplied: record.hasApplied };
    this.positions.set(loaded, record);
    return loaded;
  }

  save(loaded: Loaded<ServiceRequest>, request: ServiceRequest, events: readonly RequestEvent[], consumed?: EventEnvelope): Promise<SaveResult> {
    const record = this.positions.get(loaded);
    if (record === undefined) throw new Error('service request: save only a request loaded through this repository');
    const position = record.aggregate.streamPosition;
    const envelopes = toRequestEnvelopes(loaded.id.toHexString(), position, events);
    return this.aggregates.save(record, { request, streamPosition: position + events.length }, envelopes, consumed ? { consumed } : {});
  }

  async byId(id: string): Promise<ServiceRequest | undefined> {
    return this.one({ _id: ServiceRequestRepository.keyOf(id) });
  }

  byItemId(requestedItemId: string): Promise<ServiceRequest | undefined> {
    return this.one({ itemIds: { $eq: requestedItemId } });
  }

  byTaskId(taskId: string): Promise<ServiceRequest | undefined> {
    return this.one({ taskIds: { $eq: taskId } });
  }

  list(scope: RequestScope, filter: RequestListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    const and: Filter[] = [];
    if (scope.kind === 'person') and.push({ $or: [{ requestedById: { $eq: scope.personId } }, { requestedForId: { $eq: scope.personId } }] });
    if (filter.states?.length) and.push({ state: { $in: [...filter.states] } });
    if (filter.requestedForId !== undefined) and.push({ requestedForId: { $eq: filter.requestedForId } });
    if (filter.catalogItemId !== undefined) and.push({ catalogItemIds: { $eq: filter.catalogItemId } });
    return this.page(and, first, afterSeq);
  }

  withTasks(filter: TaskListFilter, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    const tags = filter.states?.length ? filter.groupIds.flatMap((g) => filter.states?.map((s) => `${g}:${s}`) ?? []) : undefined;
    const and: Filter[] = [tags === undefined ? { taskGroupIds: { $in: [...filter.groupIds] } } : { taskGroupStates: { $in: tags } }];
    return this.page(and, first, afterSeq);
  }

  awaitingApprover(personId: string, first: number, afterSeq: number | undefined): Promise<RequestPage> {
    return this.page([{ awaitingApproverIds: { $eq: personId } }], first, afterSeq);
  }

  private async one(filter: Filter): Promise<ServiceRequest | undefined> {
    const document = await this.model.findOne(filter, RECORD_ONLY).lean<Stored>();
    return document === null ? undefined : serviceRequestOfDocument(document);
  }

  private async page(and: Filter[], first: number, afterSeq: number | undefined): Promise<RequestPage> {
    const conditions = afterSeq === undefined ? and : [...and, { seq: { $lt: afterSeq } }];
    const filter: Filter = conditions.length === 0 ? {} : { $and: conditions };
    const documents = await this.model.find(filter, RECORD_ONLY).sort({ seq: -1 }).limit(first + 1).lean<Stored[]>();
    return { items: documents.slice(0, first).map(serviceRequestOfDocument), hasNextPage: documents.length > first };
  }
}
