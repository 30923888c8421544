import type { TicketFact, TicketType } from '../../../domain';

/** One ticket event, as the SLA engine needs it (the messaging edge maps each ticket topic to this). */
export interface TicketChange {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly sequence: number;
  readonly at: number;
  /** Present on the event that opens the ticket. */
  readonly opened?: { readonly number: string; readonly callerId: string; readonly configurationItemIds: readonly string[] };
  /** Who ordered the ticket for its caller (every service request event names them); absent for incidents. */
  readonly orderedById?: string;
  /** The attributes this event sets (state always; others when they change). */
  readonly patch: Partial<Omit<TicketFact, 'sequence' | 'at'>> & { readonly state: string };
  /** CIs linked or unlinked (the CI time-zone source follows the first one). */
  readonly linkedCi?: { readonly id: string; readonly linked: boolean };
}

/** Follow one ticket event that arrived on `partition` of the ticket topic. */
export interface TrackTicketCommand {
  readonly change: TicketChange;
  readonly partition: number;
}
