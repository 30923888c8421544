import type { TicketType } from '../definition/sla-definition';

/** The ticket's attributes after one of its events: what clocks are derived from. */
export interface TicketFact {
  readonly sequence: number;
  /** Epoch milliseconds of the event. */
  readonly at: number;
  readonly state: string;
  readonly priority: number;
  readonly serviceId: string | null;
  readonly customerOrgId: string | null;
  readonly groupId: string | null;
  /** The organisation the ticket is assigned to (a supplier, or null for internal teams). */
  readonly supplierOrgId: string | null;
  /** The service offering and catalogue item a requested item (or its task) was ordered under; null for other tickets. */
  readonly offeringId: string | null;
  readonly catalogItemId: string | null;
}

/** A ticket as the SLA engine follows it: identity plus the ordered facts of its history. */
export interface TicketTimeline {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  /** The person the ticket is for (an incident's caller, a service request's requested-for person). */
  readonly callerId: string;
  /** Who ordered a service request (or its item or task) for the caller, when the events name them; null for incidents. */
  readonly orderedById: string | null;
  readonly configurationItemIds: readonly string[];
  /** Ascending by sequence; never rewritten, only appended. */
  readonly facts: readonly TicketFact[];
}

/** Time zones known for the ticket's caller and first located CI (TimeZoneSource). */
export interface TicketZones {
  readonly caller: string | null;
  readonly configurationItem: string | null;
}
