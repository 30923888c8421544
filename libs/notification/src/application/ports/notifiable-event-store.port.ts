import type { SourceEvent, TicketFacts } from '../../domain';

/** A consumed event as kept for the dry run: with its ticket's facts before and after it. */
export interface RecordedEvent {
  readonly event: SourceEvent;
  readonly before: TicketFacts | null;
  readonly after: TicketFacts | null;
}

/** The ticket facts projection and the consumed events (kept 30 days, so a dry run can replay one). */
export abstract class NotifiableEventStore {
  abstract facts(topic: string, subject: string): Promise<TicketFacts | null>;
  /** Writes `facts` (the merge of `event`) unless the record applied this or a later event of its stream. */
  abstract applyFacts(facts: TicketFacts, event: SourceEvent): Promise<void>;
  /** Keeps `record` once: a redelivered event answers the record kept the first time (its facts before and after). */
  abstract recordOnce(record: RecordedEvent, now: number): Promise<RecordedEvent>;
  abstract recorded(eventId: string): Promise<RecordedEvent | null>;
}
