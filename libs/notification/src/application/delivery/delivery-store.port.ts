import type { Page } from '@itsm/platform/graphql';
import type { Delivery, DeliveryLease, DeliveryState } from '../../domain/delivery';

/** Which deliveries an admin looks at: one of an event's, a ticket's or a recipient's (`recipientKey`), optionally in one state. */
export interface DeliveryFilter {
  readonly eventId?: string;
  readonly ticketId?: string;
  readonly recipientKey?: string;
  readonly state?: DeliveryState;
}

/** Newest first; `after` is the previous page's last sort key. */
export interface DeliveryPageRequest {
  readonly first: number;
  readonly after: string | null;
}

/** Where deliveries live: claimed once by id, taken over by one replica at a time, read per person and per admin filter. */
/** A delivery as its attempt left it, and the lease the attempt was made under. */
export interface SettledAttempt {
  readonly recorded: Delivery;
  readonly held: DeliveryLease;
}

export abstract class DeliveryStore {
  /** The ids among `ids` already claimed. */
  abstract claimed(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Inserts each delivery unless its id is claimed: the ids this call claimed. */
  abstract claimMany(deliveries: readonly Delivery[]): Promise<ReadonlySet<string>>;
  /** Inserts the delivery unless its id is claimed: true when this call claimed it. */
  async claim(delivery: Delivery): Promise<boolean> {
    return (await this.claimMany([delivery])).has(delivery.id);
  }
  abstract find(id: string): Promise<Delivery | null>;
  /**
   * Replaces deliveries after their attempts, each only while it is still `sending` under the very
   * lease its attempt held (owner and expiry): one not replaced was taken over after that lease ran
   * out, by another replica or by this process's own sweeper; answers how many were replaced.
   */
  abstract settleMany(settled: readonly SettledAttempt[]): Promise<number>;
  /** Replaces a settled delivery (a bounce) if it is still in `expected` state. */
  abstract replace(delivery: Delivery, expected: DeliveryState): Promise<boolean>;
  /**
   * Takes up to `limit` due deliveries (scheduled or retrying and due, or sending with an expired
   * lease), earliest due first, under `lease`: each is taken atomically, so two replicas never take
   * the same one (one another replica took meanwhile is left out). Empty when none is due.
   */
  abstract takeDue(now: number, lease: DeliveryLease, limit: number): Promise<Delivery[]>;
  /** A person's in-app inbox, newest first. */
  abstract inbox(personId: string, unreadOnly: boolean, page: DeliveryPageRequest): Promise<Page<Delivery>>;
  /** One entry of the person's inbox, or null (not theirs, not delivered, unknown). */
  abstract inboxEntry(personId: string, id: string): Promise<Delivery | null>;
  abstract unreadCount(personId: string): Promise<number>;
  /** Marks the person's unread entries among `ids` (all when null) read; answers how many changed. */
  abstract markRead(personId: string, ids: readonly string[] | null, at: number): Promise<number>;
  abstract list(filter: DeliveryFilter, page: DeliveryPageRequest): Promise<Page<Delivery>>;
}

/** The order of inbox and admin lists (newest first) and their cursor key: creation instant, then id. */
export function deliverySortKey(d: Pick<Delivery, 'createdAt' | 'id'>): string {
  return `${String(d.createdAt).padStart(15, '0')}:${d.id}`;
}
