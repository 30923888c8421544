import type { EventEnvelope } from '@itsm/contracts';
import type { BusinessCalendarSpec, CallerTimeZone, DueEmission, SlaClock, SlaDefinition, TicketTimeline, TicketType, TimeZoneSubject } from '../domain';

/** What the engine keeps per ticket: its history, the clocks derived at its last event, what they owe. */
export interface SlaTicket {
  readonly timeline: TicketTimeline;
  /** The incident-topic partition the ticket's events arrive on: whoever owns it runs its timers. */
  readonly partition: number;
  readonly lastSequence: number;
  readonly open: boolean;
  readonly clocks: readonly SlaClock[];
  /** Everything the clocks owe (fired or not), earliest first. */
  readonly due: readonly DueEmission[];
  /** Closed, everything it owed emitted and its firings pruned: it owes nothing more (absent = false). */
  readonly settled?: boolean;
  /**
   * The keys of the lifecycle events written to its outbox so far (LifecycleEmission.key), in
   * order: their count numbers the next one. Absent: none (and on documents stored before they were).
   */
  readonly lifecycle?: readonly string[];
  readonly version: number;
}

/** A stored policy document with the version an admin's save must name. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export type { TimeZoneSubject } from '../domain';

/**
 * The SLA policies (calendars and definitions, versioned) and the revision every replica polls to
 * notice changes. Implemented by SlaPolicyRepository; an in-memory fake in handler specs.
 */
export abstract class SlaPolicyStore {
  abstract listCalendars(): Promise<Versioned<BusinessCalendarSpec>[]>;
  abstract listDefinitions(): Promise<Versioned<SlaDefinition>[]>;
  /** Saves when `expectedVersion` is the stored one (0 = new); false when someone else saved first. */
  abstract saveCalendar(spec: BusinessCalendarSpec, expectedVersion: number, by: string, at: Date): Promise<boolean>;
  abstract saveDefinition(definition: SlaDefinition, expectedVersion: number, by: string, at: Date): Promise<boolean>;
  abstract revision(): Promise<number>;
  abstract bumpRevision(): Promise<void>;
}

/** The time zones of callers and CI locations (TimeZoneSource), keyed by `timeZoneKey`. */
export abstract class SlaTimeZoneStore {
  abstract setTimeZone(subject: TimeZoneSubject, key: string, timeZone: string): Promise<void>;
  abstract timeZoneOf(subject: TimeZoneSubject, key: string): Promise<string | null>;
  /**
   * Sets (or clears) a caller's zone from a directory person event, unless a later event of that
   * person applied already (`duplicate`); the zone leaves the person's earlier user names.
   */
  abstract followCallerZone(caller: CallerTimeZone, event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>): Promise<'applied' | 'duplicate'>;
}

/** The tickets the engine follows: history, clocks as of the last event, what they owe. */
export abstract class SlaTicketStore {
  abstract find(ticketType: TicketType, ticketId: string): Promise<SlaTicket | undefined>;
  /**
   * Inserts (version 0 -> 1) or replaces the version read, with `events` (the lifecycle events the
   * change owes, their keys already in `ticket.lifecycle`) added to its outbox in the SAME write;
   * a lost race is a PersistenceError Conflict and writes neither.
   */
  abstract save(ticket: SlaTicket, events?: readonly EventEnvelope[]): Promise<number>;
  /** Open tickets (all partitions): what a dry run evaluates. */
  abstract openTickets(): AsyncIterable<SlaTicket>;
  /** Open tickets of the given partitions, to recompute after a policy change. */
  abstract openTicketsOf(partitions: readonly number[]): AsyncIterable<SlaTicket>;
}
