import { slaTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { AGGREGATE_OUTBOX, declareOutbox, isDuplicateKeyError, MongoOutboxStore, objectIdFromKey, PersistenceError, PersistenceErrorCode, schemaIndexes } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, ContextRepository } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Connection, Model, Types } from 'mongoose';
import type { ClockMeta, DueEmission, SlaClock, TicketFact, TicketType } from '../domain';
import { owingClockMetas, TICKET_TYPES } from '../domain';
import { armingText, parseArming } from './arming-snapshot';
import type { ArmingSnapshot } from './arming-snapshot';
import type { SlaTicket, SlaTicketStore } from './sla-stores.port';

/** An `sla_tickets` document. */
export interface SlaTicketDocument {
  _id: Types.ObjectId;
  ticketType: TicketType;
  ticketId: string;
  number: string;
  callerId: string;
  /** Absent on documents stored before the orderer was kept. */
  orderedById?: string | null;
  configurationItemIds: string[];
  partition: number;
  /** Facts stored before offerings and catalogue items were followed lack those two. */
  facts: (Omit<TicketFact, 'offeringId' | 'catalogItemId'> & Partial<Pick<TicketFact, 'offeringId' | 'catalogItemId'>>)[];
  lastSequence: number;
  open: boolean;
  clocks: SlaClock[];
  due: DueEmission[];
  /** What a re-arm reads of the ticket, as one text (arming-snapshot.ts); absent on documents of older versions. */
  arming?: string;
  /** Written by older versions instead of `arming`: the metas of the clocks that owe something (removed by the next save). */
  clockMeta?: ClockMeta[];
  nextDueAt: number | null;
  /** Closed, everything it owed emitted, its firings pruned: it owes nothing more. */
  settled?: boolean | null;
  /**
   * The emission keys claimed for it (`sla_firings`), recorded after each claim and before its
   * event is published, so a re-arm need not read the firings (absent on documents stored before
   * they were recorded: their firings are read). Never written by save(): only added to.
   */
  claimedEmissions?: string[];
  /** The keys of the lifecycle events written to `_outbox` so far (absent on documents stored before they were). */
  lifecycleKeys?: string[];
  version: number;
  /** The outbox (AGGREGATE_OUTBOX) of the lifecycle events, relayed to `itsm.sla.v1`; `_v` mirrors `version` for the relay. */
  _v?: number;
  _outbox?: EventEnvelope[];
  _outboxPending?: boolean;
  _outboxSent?: number;
}

/**
 * `sla_tickets`: written and read through the driver; the schema declares the indexes. Re-arm and
 * recompute read `{ open: true, partition }`, the dry run `{ open: true }`, pruning
 * `{ open: false, partition, settled: false }`: one index serves the three by its prefixes.
 */
export const slaTicketSchema = new Schema(
  {
    ticketType: String,
    ticketId: String,
    partition: Number,
    open: Boolean,
    settled: Boolean,
  },
  { collection: 'sla_tickets', strict: false, versionKey: false },
);
slaTicketSchema.index({ open: 1, partition: 1, settled: 1 });
// The clocks' lifecycle events, written by the save that changes the clocks (one document write).
declareOutbox(slaTicketSchema, AGGREGATE_OUTBOX);

/** A closed ticket not settled yet: a candidate for pruning its firings. */
export interface ClosedTicketRef {
  readonly ticketType: TicketType;
  readonly ticketId: string;
}

/** The timer-relevant part of a ticket, read when a replica takes over a partition. */
export interface ArmingRow {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  /** The clocks the emissions name (their metas). */
  readonly clocks: readonly ClockMeta[];
  readonly due: readonly DueEmission[];
  /** The emission keys recorded as claimed; absent on a document stored before they were recorded. */
  readonly claimed?: readonly string[];
}

/** Picks the single partition as an equality (the index's shape), several as `$in`. */
function partitionFilter(partitions: readonly number[]): number | { $in: number[] } {
  return partitions.length === 1 ? (partitions[0] as number) : { $in: [...partitions] };
}

export function ticketKey(ticketType: TicketType, ticketId: string): string {
  return `${ticketType}:${ticketId}`;
}

/** The ticket type and id a ticketKey() names (types hold no colon). */
export function parseTicketKey(key: string): { ticketType: TicketType; ticketId: string } {
  const colon = key.indexOf(':');
  const ticketType = TICKET_TYPES.find((t) => t === key.slice(0, colon));
  if (colon < 0 || ticketType === undefined) throw new Error(`not a ticket key: ${key}`);
  return { ticketType, ticketId: key.slice(colon + 1) };
}

export class SlaTicketRepository implements SlaTicketStore {
  /** What its queries need: the schema's indexes (open tickets of partitions, unsettled). */
  static readonly indexes = [schemaIndexes(slaTicketSchema)];

  constructor(
    private readonly connection: Connection,
    /** Wakes the outbox relay after a save that wrote lifecycle events. */
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  private get tickets() {
    return this.connection.collection<SlaTicketDocument>('sla_tickets');
  }

  async find(ticketType: TicketType, ticketId: string): Promise<SlaTicket | undefined> {
    const d = await this.tickets.findOne({ _id: objectIdFromKey('sla-ticket', ticketType, ticketId) });
    return d === null ? undefined : toTicket(d);
  }

  /**
   * Inserts (version 0 -> 1) or replaces the version read, `events` appended to the outbox by the
   * same single-document write (the relay publishes them); a lost race is a Conflict error.
   */
  async save(ticket: SlaTicket, events: readonly EventEnvelope[] = []): Promise<number> {
    const { timeline } = ticket;
    const version = ticket.version + 1;
    if (ticket.version === 0) {
      try {
        await this.tickets.insertOne({ ...newTicketDocument(ticket), _outbox: [...events], _outboxPending: events.length > 0, _outboxSent: 0 });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new PersistenceError(PersistenceErrorCode.Conflict, `SLA ticket ${timeline.ticketId} was created concurrently`);
        throw error;
      }
    } else {
      const _id = objectIdFromKey('sla-ticket', timeline.ticketType, timeline.ticketId);
      // Appended to what the relay has not cleared yet; `_outboxSent` keeps published ones from going out again.
      const outbox = events.length === 0 ? {} : { $push: { _outbox: { $each: [...events] } } };
      const set = { ...ticketFields(ticket), version, _v: version, ...(events.length === 0 ? {} : { _outboxPending: true }) };
      const result = await this.tickets.updateOne({ _id, version: ticket.version }, { $set: set, $unset: { clockMeta: '' }, ...outbox });
      if (result.modifiedCount !== 1) throw new PersistenceError(PersistenceErrorCode.Conflict, `SLA ticket ${timeline.ticketId} changed concurrently`);
    }
    if (events.length > 0) this.afterCommit();
    return version;
  }

  /**
   * Adds claimed emission keys to their tickets (one unordered bulk write), on documents that record
   * them: one stored before they were recorded stays without (its record would miss older claims).
   */
  async recordClaimed(claims: readonly { readonly timerKey: string; readonly key: string }[]): Promise<void> {
    const byTicket = new Map<string, string[]>();
    for (const { timerKey, key } of claims) byTicket.set(timerKey, [...(byTicket.get(timerKey) ?? []), key]);
    if (byTicket.size === 0) return;
    const updates = [...byTicket].map(([timerKey, keys]) => {
      const { ticketType, ticketId } = parseTicketKey(timerKey);
      return { updateOne: { filter: { _id: objectIdFromKey('sla-ticket', ticketType, ticketId), claimedEmissions: { $exists: true } }, update: { $addToSet: { claimedEmissions: { $each: keys } } } } };
    });
    await this.tickets.bulkWrite(updates, { ordered: false });
  }

  /**
   * Open tickets of the given partitions, streamed (a restart re-arms from this): only what arming
   * needs, the owing clocks' metas instead of the clocks, and the emissions recorded as claimed.
   */
  async *armingRows(partitions: readonly number[]): AsyncGenerator<ArmingRow> {
    const cursor = this.tickets.find(
      { open: true, partition: partitionFilter(partitions) },
      { projection: { ticketType: 1, ticketId: 1, number: 1, partition: 1, arming: 1, claimedEmissions: 1 } },
    );
    for await (const d of cursor) {
      const { clocks, due } = (d.arming === undefined ? undefined : parseArming(d.arming)) ?? (await this.armingOf(d._id));
      const { ticketType, ticketId, number, partition, claimedEmissions } = d;
      yield claimedEmissions === undefined ? { ticketType, ticketId, number, partition, clocks, due } : { ticketType, ticketId, number, partition, clocks, due, claimed: claimedEmissions };
    }
  }

  /** Closed tickets of the partition whose firings are not pruned yet (`null`: documents of older versions). */
  async *closedUnsettled(partition: number): AsyncGenerator<ClosedTicketRef> {
    const cursor = this.tickets.find({ open: false, partition, settled: { $in: [false, null] } }, { projection: { ticketType: 1, ticketId: 1 } });
    for await (const d of cursor) yield { ticketType: d.ticketType, ticketId: d.ticketId };
  }

  /**
   * Marks closed tickets settled (their firings are pruned next). The version moves on, so a writer
   * that read the ticket before loses its save, reads it again and sees it owes nothing more.
   */
  async markSettled(tickets: readonly ClosedTicketRef[]): Promise<number> {
    if (tickets.length === 0) return 0;
    const ids = tickets.map((t) => objectIdFromKey('sla-ticket', t.ticketType, t.ticketId));
    const result = await this.tickets.updateMany({ _id: { $in: ids }, open: false, settled: { $in: [false, null] } }, { $set: { settled: true }, $inc: { version: 1 } });
    return result.modifiedCount;
  }

  /** A document written before `arming` was stored (or whose text this version does not read): its clocks and due emissions, read once. */
  private async armingOf(_id: Types.ObjectId): Promise<ArmingSnapshot> {
    const d = await this.tickets.findOne({ _id }, { projection: { clockMeta: 1, clocks: 1, due: 1 } });
    const due = d?.due ?? [];
    return { clocks: d?.clockMeta ?? owingClockMetas(d?.clocks ?? [], due), due };
  }

  /** Open tickets (all partitions): what a dry run evaluates. */
  async *openTickets(): AsyncGenerator<SlaTicket> {
    for await (const d of this.tickets.find({ open: true })) yield toTicket(d);
  }

  /** Open tickets of the given partitions, to recompute after a policy change. */
  async *openTicketsOf(partitions: readonly number[]): AsyncGenerator<SlaTicket> {
    for await (const d of this.tickets.find({ open: true, partition: partitionFilter(partitions) })) yield toTicket(d);
  }
}

/** The fields save() writes of a ticket (all but its id, claims and version). */
function ticketFields(ticket: SlaTicket) {
  const { timeline } = ticket;
  return {
    ticketType: timeline.ticketType,
    ticketId: timeline.ticketId,
    number: timeline.number,
    callerId: timeline.callerId,
    orderedById: timeline.orderedById,
    configurationItemIds: [...timeline.configurationItemIds],
    partition: ticket.partition,
    facts: [...timeline.facts],
    lastSequence: ticket.lastSequence,
    open: ticket.open,
    clocks: [...ticket.clocks],
    due: [...ticket.due],
    arming: armingText(owingClockMetas(ticket.clocks, ticket.due), ticket.due),
    nextDueAt: ticket.due[0]?.dueAt ?? null,
    settled: ticket.settled === true,
    lifecycleKeys: [...(ticket.lifecycle ?? [])],
  };
}

/**
 * The document save() inserts for a new ticket (version 1), with the emission keys recordClaimed
 * would add after it (none by default). The SLA benchmark writes its population with it.
 */
export function newTicketDocument(ticket: SlaTicket, claimed: readonly string[] = []): SlaTicketDocument {
  const { ticketType, ticketId } = ticket.timeline;
  return { _id: objectIdFromKey('sla-ticket', ticketType, ticketId), ...ticketFields(ticket), claimedEmissions: [...claimed], version: 1, _v: 1 };
}

/**
 * The ticket repository for the context's persistence: its indexes, and its outbox (the clocks'
 * lifecycle events) on the relay, which publishes them to `itsm.sla.v1`.
 */
export const slaTicketRepository: ContextRepository = {
  provide: SlaTicketRepository,
  outbox: true,
  indexes: SlaTicketRepository.indexes,
  build: (connection, outbox) => {
    if (outbox === undefined) throw new Error('sla_tickets: an outbox repository needs OUTBOX_REGISTRY (MessagingModule)');
    const model = connection.models['SlaTicket'] ?? connection.model('SlaTicket', slaTicketSchema);
    outbox.register(new MongoOutboxStore(slaTopic.name, model as unknown as Model<AggregateDocumentMeta>));
    return new SlaTicketRepository(connection, outbox.notify);
  },
};

function toTicket(d: SlaTicketDocument): SlaTicket {
  return {
    timeline: {
      ticketType: d.ticketType,
      ticketId: d.ticketId,
      number: d.number,
      callerId: d.callerId,
      orderedById: d.orderedById ?? null,
      configurationItemIds: d.configurationItemIds,
      facts: d.facts.map(({ offeringId = null, catalogItemId = null, ...fact }) => ({ ...fact, offeringId, catalogItemId })),
    },
    partition: d.partition,
    lastSequence: d.lastSequence,
    open: d.open,
    clocks: d.clocks,
    due: d.due,
    settled: d.settled === true,
    lifecycle: d.lifecycleKeys ?? [],
    version: d.version,
  };
}
