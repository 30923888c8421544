import { applyOnce, collectionIndexes, isDuplicateKeyError, objectIdFromKey, ttlIndex } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { NotifiableEventStore } from '../application/ports/notifiable-event-store.port';
import type { RecordedEvent } from '../application/ports/notifiable-event-store.port';
import type { SourceEvent, TicketFacts } from '../domain';

interface FactsDocument {
  _id: Types.ObjectId;
  topic: string;
  subject: string;
  sequence: number;
  fields: Record<string, unknown>;
}
interface EventDocument extends RecordedEvent {
  _id: Types.ObjectId;
  recordedAt: Date;
}

const FACTS = 'notification_ticket_facts';
const EVENTS = 'notification_events';
/** How long a consumed event stays replayable by the dry run. */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 3600;
const factsKey = (topic: string, subject: string): Types.ObjectId => objectIdFromKey('notification-ticket-facts', topic, subject);
const eventKey = (eventId: string): Types.ObjectId => objectIdFromKey('notification-event', eventId);

/**
 * The ticket facts projection (`notification_ticket_facts`, per topic and subject, written with
 * `applyOnce`: an older or duplicate event changes nothing) and the consumed events
 * (`notification_events`, by event id, gone 30 days after they were recorded: a TTL index).
 */
export class NotifiableEventRepository extends NotifiableEventStore {
  static readonly indexes = [collectionIndexes(FACTS, []), collectionIndexes(EVENTS, [ttlIndex('recordedAt', EVENT_RETENTION_SECONDS)])];

  private readonly factsDocs: Collection<FactsDocument>;
  private readonly eventDocs: Collection<EventDocument>;

  constructor(connection: Connection) {
    super();
    this.factsDocs = connection.collection<FactsDocument>(FACTS);
    this.eventDocs = connection.collection<EventDocument>(EVENTS);
  }

  async facts(topic: string, subject: string): Promise<TicketFacts | null> {
    const document = await this.factsDocs.findOne({ _id: factsKey(topic, subject) });
    return document === null ? null : { topic: document.topic, subject: document.subject, sequence: document.sequence, fields: document.fields };
  }

  async applyFacts(facts: TicketFacts, event: SourceEvent): Promise<void> {
    const fields = Object.fromEntries(Object.entries(facts.fields).map(([name, value]) => [`fields.${name}`, value]));
    await applyOnce(this.factsDocs, factsKey(facts.topic, facts.subject), { source: event.source, subject: event.subject, sequence: facts.sequence }, { $set: { topic: facts.topic, subject: facts.subject, sequence: facts.sequence, ...fields } });
  }

  async recordOnce(record: RecordedEvent, now: number): Promise<RecordedEvent> {
    try {
      await this.eventDocs.insertOne({ _id: eventKey(record.event.id), ...record, recordedAt: new Date(now) });
      return record;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.recorded(record.event.id)) ?? record;
    }
  }

  async recorded(eventId: string): Promise<RecordedEvent | null> {
    const document = await this.eventDocs.findOne({ _id: eventKey(eventId) });
    return document === null ? null : { event: document.event, before: document.before, after: document.after };
  }
}
