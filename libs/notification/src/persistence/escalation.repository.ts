import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { AggregateRepository, isDuplicateKeyError, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { EscalationStore } from '../application/ports/escalation-store.port';
import type { ArmedEscalation } from '../application/ports/escalation-store.port';
import { NotificationErrorCode, notificationError } from '../domain';
import { eventCount } from '../domain/escalation/escalation';
import type { Escalation, EscalationEvent } from '../domain/escalation/escalation';
import { escalationMapper, escalationOfDocument, runningKey } from './escalation.schema';
import type { EscalationDocument } from './escalation.schema';
import { NOTIFICATION_ENVELOPES } from './notification-envelopes';

const RECORD_ONLY = { _outbox: 0, _inbox: 0 } as const;

function idOf(id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || id.length !== 24) throw notificationError(NotificationErrorCode.NotFound, `No escalation ${id}`, { escalationId: id });
  return new Types.ObjectId(id);
}

/** Escalations in MongoDB (`notification_escalations`): `_id` = the escalation's id (its events' key); state and outbox in ONE document. */
export class EscalationRepository extends EscalationStore {
  private readonly aggregates: AggregateRepository<Escalation, EscalationDocument>;

  constructor(
    private readonly model: Model<StoredDocument<EscalationDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, escalationMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<Escalation> | undefined> {
    return this.aggregates.load(idOf(id));
  }

  save(loaded: Loaded<Escalation>, escalation: Escalation, events: readonly EscalationEvent[], consumed?: EventEnvelope): Promise<SaveResult> {
    const envelopes = aggregateEnvelopes(NOTIFICATION_ENVELOPES, loaded.id.toHexString(), eventCount(loaded.aggregate), events);
    return this.aggregates.save(loaded, escalation, envelopes, consumed === undefined ? {} : { consumed });
  }

  async create(escalation: Escalation, events: readonly EscalationEvent[]): Promise<boolean> {
    const envelopes = aggregateEnvelopes(NOTIFICATION_ENVELOPES, escalation.id, 0, events);
    try {
      await this.aggregates.create(idOf(escalation.id), escalation, envelopes);
      return true;
    } catch (error) {
      if ((error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) || isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async runningFor(ticketTopic: string, ticketId: string, policyId: string): Promise<Escalation | null> {
    const document = await this.model.findOne({ runningKey: { $eq: runningKey(ticketTopic, ticketId, policyId) } }, RECORD_ONLY).lean<EscalationDocument>();
    return document === null ? null : escalationOfDocument(document);
  }

  async ofTicket(ticketTopic: string, ticketId: string, limit: number): Promise<readonly Escalation[]> {
    const documents = await this.model
      .find({ ticketTopic: { $eq: ticketTopic }, ticketId: { $eq: ticketId } }, RECORD_ONLY)
      .sort({ startedAt: -1 })
      .limit(limit)
      .lean<EscalationDocument[]>();
    return documents.map(escalationOfDocument);
  }

  async *paging(partitions: readonly number[]): AsyncIterable<ArmedEscalation> {
    if (partitions.length === 0) return;
    const cursor = this.model.find({ state: 'paging', partition: { $in: [...partitions] } }, RECORD_ONLY).lean<EscalationDocument[]>().cursor();
    for await (const document of cursor) {
      const d = document as unknown as EscalationDocument;
      yield { escalation: escalationOfDocument(d), partition: d.partition };
    }
  }
}
