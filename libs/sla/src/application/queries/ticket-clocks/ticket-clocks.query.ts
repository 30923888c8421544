import type { SlaViewer, TicketType } from '../../../domain';

/** A ticket's clocks derived at this instant, as the viewer may see them. */
export interface TicketClocksQuery {
  readonly viewer: SlaViewer;
  readonly ticketType: TicketType;
  readonly ticketId: string;
}
