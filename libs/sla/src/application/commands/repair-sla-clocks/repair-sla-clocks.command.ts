import type { TicketType } from '../../../domain';

/** Derives a ticket's clocks again from its unchanged event history (an admin's repair). */
export interface RepairSlaClocksCommand {
  readonly ticketType: TicketType;
  readonly ticketId: string;
}
