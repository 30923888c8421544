import type { EventEnvelope } from '@itsm/contracts';
import { AggregateRepository } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { Incident, IncidentEvent, IncidentScope, IncidentState } from '../domain';
import { toEnvelopes } from './incident.envelopes';
import { incidentMapper, sequenceOfNumber } from './incident.mapper';
import type { IncidentDocument } from './incident.schema';

/** Typed list filters (never a raw query: every value is used as a value, never as an operator). */
export interface IncidentListFilter {
  readonly states?: readonly IncidentState[];
  readonly priorities?: readonly number[];
  readonly assignmentGroupId?: string;
  readonly assigneeId?: string;
  readonly callerId?: string;
  readonly text?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly major?: Incident['major'];
}

export interface IncidentPage {
  readonly items: readonly Incident[];
  readonly hasNextPage: boolean;
  /** `seq` of the last item: the `after` of the next page (newest first, stable under inserts). */
  readonly endSeq: number | null;
}

const ACTIVE_STATES: IncidentState[] = ['new', 'in_progress', 'on_hold'];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseObjectId(id: string): Types.ObjectId | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? new Types.ObjectId(id) : undefined;
}

/** Incidents in MongoDB: the aggregate (state + outbox in one document) and the read paths. */
export class IncidentRepository {
  private readonly aggregates: AggregateRepository<Incident, IncidentDocument>;

  constructor(
    private readonly model: Model<StoredDocument<IncidentDocument>>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(model, incidentMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<Incident> | undefined> {
    const objectId = parseObjectId(id);
    return objectId ? this.aggregates.load(objectId) : Promise.resolve(undefined);
  }

  create(incident: Incident, events: readonly IncidentEvent[]): Promise<SaveResult> {
    return this.aggregates.create(new Types.ObjectId(incident.id), incident, toEnvelopes(incident.id, 0, events));
  }

  save(loaded: Loaded<Incident>, incident: Incident, events: readonly IncidentEvent[], consumed?: EventEnvelope): Promise<SaveResult> {
    const envelopes = toEnvelopes(incident.id, loaded.aggregate.sequence, events);
    return this.aggregates.save(loaded, incident, envelopes, consumed ? { consumed } : {});
  }

  async findByNumber(number: string): Promise<Incident | undefined> {
    const document = await this.model.findOne({ number: { $eq: number } }).lean<StoredDocument<IncidentDocument> & { _id: Types.ObjectId }>();
    return document ? incidentMapper.toDomain(document) : undefined;
  }

  async list(scope: IncidentScope, filter: IncidentListFilter, first: number, afterSeq: number | undefined): Promise<IncidentPage> {
    const query = this.listQuery(scope, filter, afterSeq);
    if (query === undefined) return { items: [], hasNextPage: false, endSeq: null };
    const documents = await this.model
      .find(query)
      .sort({ seq: -1 })
      .limit(first + 1)
      .lean<(StoredDocument<IncidentDocument> & { _id: Types.ObjectId })[]>();
    const items = documents.slice(0, first).map((d) => incidentMapper.toDomain(d));
    const last = items.at(-1);
    return { items, hasNextPage: documents.length > first, endSeq: last ? sequenceOfNumber(last.number) : null };
  }

  async count(scope: IncidentScope, filter: IncidentListFilter): Promise<number> {
    const query = this.listQuery(scope, filter, undefined);
    return query === undefined ? 0 : this.model.countDocuments(query);
  }

  /** Active children of a parent incident (for the resolution cascade). */
  async activeChildren(parentId: string): Promise<string[]> {
    return this.ids({ parentId: { $eq: parentId }, state: { $in: ACTIVE_STATES } });
  }

  async hasChildren(parentId: string): Promise<boolean> {
    return (await this.model.countDocuments({ parentId: { $eq: parentId } })) > 0;
  }

  /** Incidents on hold waiting on a problem (resolved when the problem is). */
  waitingOnProblem(problemId: string): Promise<string[]> {
    return this.ids({ problemId: { $eq: problemId }, state: 'on_hold', holdReason: 'awaiting_problem' });
  }

  autoCloseCandidates(resolvedBefore: Date, limit: number): Promise<string[]> {
    return this.ids({ state: 'resolved', resolvedAt: { $lte: resolvedBefore } }, limit);
  }

  /** Active incidents, oldest first, for a matrix re-prioritisation. */
  activeIds(): Promise<string[]> {
    return this.ids({ state: { $in: ACTIVE_STATES } });
  }

  /** Active incidents opened since `since` on this service or CI (the major-incident cluster rule). */
  countActiveOn(kind: 'service' | 'configuration_item', targetId: string, since: Date): Promise<number> {
    const field = kind === 'service' ? 'serviceIds' : 'configurationItemIds';
    return this.model.countDocuments({ [field]: { $eq: targetId }, state: { $in: ACTIVE_STATES }, openedAt: { $gte: since } });
  }

  private async ids(query: FilterQuery<StoredDocument<IncidentDocument>>, limit = 10_000): Promise<string[]> {
    const documents = await this.model.find(query, { _id: 1 }).sort({ seq: 1 }).limit(limit).lean<{ _id: Types.ObjectId }[]>();
    return documents.map((d) => d._id.toHexString());
  }

  private listQuery(scope: IncidentScope, filter: IncidentListFilter, afterSeq: number | undefined): FilterQuery<StoredDocument<IncidentDocument>> | undefined {
    const and: FilterQuery<StoredDocument<IncidentDocument>>[] = [];
    switch (scope.kind) {
      case 'all':
        break;
      case 'assigned-org':
        and.push({ assignedOrgId: { $eq: scope.orgId } });
        break;
      case 'caller':
        and.push({ callerId: { $eq: scope.callerId } });
        break;
      case 'none':
        return undefined;
    }
    if (afterSeq !== undefined) and.push({ seq: { $lt: afterSeq } });
    if (filter.states?.length) and.push({ state: { $in: [...filter.states] } });
    if (filter.priorities?.length) and.push({ priority: { $in: [...filter.priorities] } });
    if (filter.assignmentGroupId !== undefined) and.push({ assignmentGroupId: { $eq: filter.assignmentGroupId } });
    if (filter.assigneeId !== undefined) and.push({ assigneeId: { $eq: filter.assigneeId } });
    if (filter.callerId !== undefined) and.push({ callerId: { $eq: filter.callerId } });
    if (filter.major !== undefined) and.push({ major: { $eq: filter.major } });
    if (filter.createdFrom !== undefined) and.push({ openedAt: { $gte: filter.createdFrom } });
    if (filter.createdTo !== undefined) and.push({ openedAt: { $lt: filter.createdTo } });
    if (filter.text !== undefined && filter.text.trim() !== '') {
      const pattern = escapeRegex(filter.text.trim());
      and.push({ $or: [{ title: { $regex: pattern, $options: 'i' } }, { description: { $regex: pattern, $options: 'i' } }, { number: { $regex: `^${pattern}$`, $options: 'i' } }] });
    }
    return and.length === 0 ? {} : { $and: and };
  }
}
