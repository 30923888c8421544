import { changeSubject } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { AggregateRepository } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { ChangeReads } from '../application/ports/change-store.port';
import type { ChangeListFilter, ChangePage, ChangeStore } from '../application/ports/change-store.port';
import { appendAudit } from '../domain';
import type { AuditEntry, Change, ChangeEvent, ChangeScope } from '../domain';
import { toChangeEnvelopes } from './change.envelopes';
import { auditOfDocument, changeMapper, changeOfDocument } from './change.mapper';
import type { AuditedChange } from './change.mapper';
import type { ChangeDocument } from './change.schema';

type Stored = StoredDocument<ChangeDocument> & { _id: Types.ObjectId };
type Filter = FilterQuery<StoredDocument<ChangeDocument>>;

/** Queries never read the outbox or the audit chain (except the chain's own read). */
const RECORD_ONLY = { _outbox: 0, audit: 0 } as const;

/**
 * Changes in MongoDB: `_id` = changeSubject('change', id) (also the events' Kafka key); state,
 * outbox events and the audit chain's new entries written in ONE document update, so the chain
 * cannot miss an event nor record one that was not written.
 */
export class ChangeRepository extends ChangeReads implements ChangeStore {
  private readonly aggregates: AggregateRepository<AuditedChange, ChangeDocument>;
  /** The record (with its chain) each change handed out was loaded as. */
  private readonly audited = new WeakMap<Loaded<Change>, Loaded<AuditedChange>>();

  constructor(
    private readonly model: Model<StoredDocument<ChangeDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, changeMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(changeSubject('change', id));
  }

  async load(id: string): Promise<Loaded<Change> | undefined> {
    const record = await this.aggregates.load(ChangeRepository.keyOf(id));
    if (record === undefined) return undefined;
    const loaded: Loaded<Change> = { ...record, aggregate: record.aggregate.change, hasApplied: record.hasApplied };
    this.audited.set(loaded, record);
    return loaded;
  }

  create(change: Change, events: readonly ChangeEvent[]): Promise<SaveResult> {
    const key = ChangeRepository.keyOf(change.id);
    return this.aggregates.create(key, { change, audit: appendAudit([], events) }, toChangeEnvelopes(key.toHexString(), 0, events));
  }

  save(loaded: Loaded<Change>, change: Change, events: readonly ChangeEvent[], consumed?: EventEnvelope): Promise<SaveResult> {
    const record = this.audited.get(loaded);
    if (record === undefined) throw new Error('change: save only a change loaded through this repository');
    const audit = record.aggregate.audit;
    const envelopes = toChangeEnvelopes(loaded.id.toHexString(), audit.length, events);
    return this.aggregates.save(record, { change, audit: appendAudit(audit, events) }, envelopes, consumed ? { consumed } : {});
  }

  async byId(id: string): Promise<Change | undefined> {
    const document = await this.model.findById(ChangeRepository.keyOf(id), RECORD_ONLY).lean<Stored>();
    return document === null ? undefined : changeOfDocument(document);
  }

  async byNumber(number: string): Promise<Change | undefined> {
    const document = await this.model.findOne({ number: { $eq: number } }, RECORD_ONLY).lean<Stored>();
    return document === null ? undefined : changeOfDocument(document);
  }

  async audit(id: string): Promise<readonly AuditEntry[] | undefined> {
    const document = await this.model.findById(ChangeRepository.keyOf(id), { audit: 1 }).lean<Pick<ChangeDocument, 'audit'>>();
    return document === null ? undefined : auditOfDocument(document);
  }

  async list(scope: ChangeScope, filter: ChangeListFilter, first: number, afterSeq: number | undefined): Promise<ChangePage> {
    const documents = await this.model
      .find(listFilter(scope, filter, afterSeq), RECORD_ONLY)
      .sort({ seq: -1 })
      .limit(first + 1)
      .lean<Stored[]>();
    return { items: documents.slice(0, first).map(changeOfDocument), hasNextPage: documents.length > first };
  }
}

function scopeFilter(scope: ChangeScope): Filter | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'group':
      return { assignmentGroupId: { $eq: scope.groupId } };
    case 'assigned-org':
      return { assignedOrgId: { $eq: scope.orgId } };
    case 'requester':
      return { requesterId: { $eq: scope.requesterId } };
    case 'assignee':
      return { assigneeId: { $eq: scope.assigneeId } };
  }
}

/** Typed filters to one conjunction; each equality has its `{ field, seq }` index. */
export function listFilter(scope: ChangeScope, filter: ChangeListFilter, afterSeq: number | undefined): Filter {
  const and: Filter[] = [];
  const scoped = scopeFilter(scope);
  if (scoped !== undefined) and.push(scoped);
  if (afterSeq !== undefined) and.push({ seq: { $lt: afterSeq } });
  if (filter.states?.length) and.push({ state: { $in: [...filter.states] } });
  if (filter.models?.length) and.push({ model: { $in: [...filter.models] } });
  if (filter.risks?.length) and.push({ riskLevel: { $in: [...filter.risks] } });
  if (filter.assignmentGroupId !== undefined) and.push({ assignmentGroupId: { $eq: filter.assignmentGroupId } });
  if (filter.assigneeId !== undefined) and.push({ assigneeId: { $eq: filter.assigneeId } });
  if (filter.requesterId !== undefined) and.push({ requesterId: { $eq: filter.requesterId } });
  if (filter.configurationItemId !== undefined) and.push({ configurationItemIds: { $eq: filter.configurationItemId } });
  if (filter.serviceId !== undefined) and.push({ serviceIds: { $eq: filter.serviceId } });
  // Overlap of [plannedStart, plannedEnd) with [from, to): starts before `to` and ends after `from`.
  if (filter.plannedTo !== undefined) and.push({ plannedStart: { $lt: filter.plannedTo } });
  if (filter.plannedFrom !== undefined) and.push({ plannedEnd: { $gt: filter.plannedFrom } });
  return and.length === 0 ? {} : { $and: and };
}
