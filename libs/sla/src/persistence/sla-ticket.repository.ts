import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { DueEmission, SlaClock, TicketFact, TicketType } from '../domain';
import type { SlaTicket, SlaTicketStore } from './sla-stores.port';

interface TicketDocument {
  _id: Types.ObjectId;
  ticketType: TicketType;
  ticketId: string;
  number: string;
  callerId: string;
  configurationItemIds: string[];
  partition: number;
  facts: TicketFact[];
  lastSequence: number;
  open: boolean;
  clocks: SlaClock[];
  due: DueEmission[];
  nextDueAt: number | null;
  version: number;
}

/** The timer-relevant part of a ticket, read when a replica takes over a partition. */
export interface ArmingRow {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  readonly clocks: readonly SlaClock[];
  readonly due: readonly DueEmission[];
}

export function ticketKey(ticketType: TicketType, ticketId: string): string {
  return `${ticketType}:${ticketId}`;
}

export class SlaTicketRepository implements SlaTicketStore {
  /** What its queries need: open tickets, all or of some partitions (armingRows, openTickets, openTicketsOf). */
  static readonly indexes = [collectionIndexes('sla_tickets', [index({ open: 1, partition: 1 })])];

  constructor(private readonly connection: Connection) {}

  private get tickets() {
    return this.connection.collection<TicketDocument>('sla_tickets');
  }

  async find(ticketType: TicketType, ticketId: string): Promise<SlaTicket | undefined> {
    const d = await this.tickets.findOne({ _id: objectIdFromKey('sla-ticket', ticketType, ticketId) });
    return d === null ? undefined : toTicket(d);
  }

  /** Inserts (version 0 -> 1) or replaces the version read; a lost race is a Conflict error. */
  async save(ticket: SlaTicket): Promise<number> {
    const { timeline } = ticket;
    const _id = objectIdFromKey('sla-ticket', timeline.ticketType, timeline.ticketId);
    const fields = {
      ticketType: timeline.ticketType,
      ticketId: timeline.ticketId,
      number: timeline.number,
      callerId: timeline.callerId,
      configurationItemIds: [...timeline.configurationItemIds],
      partition: ticket.partition,
      facts: [...timeline.facts],
      lastSequence: ticket.lastSequence,
      open: ticket.open,
      clocks: [...ticket.clocks],
      due: [...ticket.due],
      nextDueAt: ticket.due[0]?.dueAt ?? null,
    };
    if (ticket.version === 0) {
      try {
        await this.tickets.insertOne({ _id, ...fields, version: 1 });
        return 1;
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new PersistenceError(PersistenceErrorCode.Conflict, `SLA ticket ${timeline.ticketId} was created concurrently`);
        throw error;
      }
    }
    const result = await this.tickets.updateOne({ _id, version: ticket.version }, { $set: { ...fields, version: ticket.version + 1 } });
    if (result.modifiedCount !== 1) throw new PersistenceError(PersistenceErrorCode.Conflict, `SLA ticket ${timeline.ticketId} changed concurrently`);
    return ticket.version + 1;
  }

  /** Open tickets of the given partitions, streamed (a restart re-arms from this). */
  async *armingRows(partitions: readonly number[]): AsyncGenerator<ArmingRow> {
    const cursor = this.tickets.find(
      { open: true, partition: { $in: [...partitions] } },
      { projection: { ticketType: 1, ticketId: 1, number: 1, partition: 1, clocks: 1, due: 1 } },
    );
    for await (const d of cursor) yield { ticketType: d.ticketType, ticketId: d.ticketId, number: d.number, partition: d.partition, clocks: d.clocks, due: d.due };
  }

  /** Open tickets (all partitions): what a dry run evaluates. */
  async *openTickets(): AsyncGenerator<SlaTicket> {
    for await (const d of this.tickets.find({ open: true })) yield toTicket(d);
  }

  /** Open tickets of the given partitions, to recompute after a policy change. */
  async *openTicketsOf(partitions: readonly number[]): AsyncGenerator<SlaTicket> {
    for await (const d of this.tickets.find({ open: true, partition: { $in: [...partitions] } })) yield toTicket(d);
  }
}

function toTicket(d: TicketDocument): SlaTicket {
  return {
    timeline: {
      ticketType: d.ticketType,
      ticketId: d.ticketId,
      number: d.number,
      callerId: d.callerId,
      configurationItemIds: d.configurationItemIds,
      facts: d.facts,
    },
    partition: d.partition,
    lastSequence: d.lastSequence,
    open: d.open,
    clocks: d.clocks,
    due: d.due,
    version: d.version,
  };
}
