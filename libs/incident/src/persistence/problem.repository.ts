import type { AggregateMapper, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { AggregateRepository } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import type { Level, Priority, Problem, ProblemEvent, ProblemState } from '../domain';
import { toEnvelopes } from './incident.envelopes';
import { parseObjectId } from './incident.repository';
import { sequenceOfNumber } from './incident.mapper';
import type { ProblemDocument } from './problem.schema';

const problemMapper: AggregateMapper<Problem, ProblemDocument> = {
  toDocument: (p) => ({
    number: p.number,
    seq: sequenceOfNumber(p.number),
    title: p.title,
    description: p.description,
    impact: p.impact,
    urgency: p.urgency,
    priority: p.priority,
    state: p.state,
    assignmentGroupId: p.assignmentGroupId,
    assignedOrgId: p.assignedOrgId,
    assigneeId: p.assigneeId,
    serviceId: p.serviceId,
    configurationItemIds: [...p.configurationItemIds],
    knownError: p.knownError ? { ...p.knownError } : null,
    resolutionNotes: p.resolutionNotes,
    fixChangeId: p.fixChangeId,
    openedBy: p.openedBy,
    openedAt: p.openedAt,
    updatedAt: p.updatedAt,
    sequence: p.sequence,
  }),
  toDomain: (d) => ({
    id: d._id.toHexString(),
    number: d.number,
    title: d.title,
    description: d.description,
    impact: d.impact as Level,
    urgency: d.urgency as Level,
    priority: d.priority as Priority,
    state: d.state,
    assignmentGroupId: d.assignmentGroupId ?? null,
    assignedOrgId: d.assignedOrgId ?? null,
    assigneeId: d.assigneeId ?? null,
    serviceId: d.serviceId ?? null,
    configurationItemIds: d.configurationItemIds ?? [],
    knownError: d.knownError ? { ...d.knownError, recordedAt: new Date(d.knownError.recordedAt) } : null,
    resolutionNotes: d.resolutionNotes ?? null,
    fixChangeId: d.fixChangeId ?? null,
    openedBy: d.openedBy,
    openedAt: new Date(d.openedAt),
    updatedAt: new Date(d.updatedAt),
    sequence: d.sequence,
  }),
};

export class ProblemRepository {
  private readonly aggregates: AggregateRepository<Problem, ProblemDocument>;

  constructor(
    private readonly model: Model<StoredDocument<ProblemDocument>>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(model, problemMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<Problem> | undefined> {
    const objectId = parseObjectId(id);
    return objectId ? this.aggregates.load(objectId) : Promise.resolve(undefined);
  }

  create(problem: Problem, events: readonly ProblemEvent[]): Promise<SaveResult> {
    return this.aggregates.create(new Types.ObjectId(problem.id), problem, toEnvelopes(problem.id, 0, events));
  }

  save(loaded: Loaded<Problem>, problem: Problem, events: readonly ProblemEvent[]): Promise<SaveResult> {
    return this.aggregates.save(loaded, problem, toEnvelopes(problem.id, loaded.aggregate.sequence, events));
  }

  async findByNumber(number: string): Promise<Problem | undefined> {
    const document = await this.model.findOne({ number: { $eq: number } }).lean<StoredDocument<ProblemDocument> & { _id: Types.ObjectId }>();
    return document ? problemMapper.toDomain(document) : undefined;
  }

  async list(states: readonly ProblemState[] | undefined, first: number, afterSeq: number | undefined): Promise<{ items: Problem[]; hasNextPage: boolean }> {
    const query = {
      ...(states?.length ? { state: { $in: [...states] } } : {}),
      ...(afterSeq === undefined ? {} : { seq: { $lt: afterSeq } }),
    };
    const documents = await this.model.find(query).sort({ seq: -1 }).limit(first + 1).lean<(StoredDocument<ProblemDocument> & { _id: Types.ObjectId })[]>();
    return { items: documents.slice(0, first).map((d) => problemMapper.toDomain(d)), hasNextPage: documents.length > first };
  }
}
