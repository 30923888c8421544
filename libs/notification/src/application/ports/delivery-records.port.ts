import type { Channel, Recipient, TicketRef } from '../../domain';

/** A delivery as the inbound side needs it (a reply or a bounce names it). */
export interface RecordedDelivery {
  readonly deliveryId: string;
  readonly recipient: Recipient;
  readonly channel: Channel;
  /** The ticket the notice was about (its first item's), or null. */
  readonly ticket: TicketRef | null;
}

/** The deliveries inbound mail refers to: a reply's delivery, a bounce's. */
export abstract class DeliveryRecords {
  abstract find(deliveryId: string): Promise<RecordedDelivery | null>;
  /** Marks a sent mail bounced (failed, with the DSN's status and diagnostic); a second bounce changes nothing. */
  abstract recordBounce(deliveryId: string, reason: string, at: number): Promise<void>;
}
