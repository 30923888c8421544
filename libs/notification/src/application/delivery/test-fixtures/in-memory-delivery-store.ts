import type { Page } from '@itsm/platform/graphql';
import { recipientKey } from '../../../domain';
import { attemptStart, deliveryEventIds, deliveryTicket, dueAt, inboxOwner } from '../../../domain/delivery';
import type { Delivery, DeliveryLease, DeliveryState } from '../../../domain/delivery';
import { DeliveryStore, deliverySortKey } from '../delivery-store.port';
import type { DeliveryFilter, DeliveryPageRequest, SettledAttempt } from '../delivery-store.port';

/** The delivery store in memory, for unit specs: the same claim, lease and due rules as the repository. */
export class InMemoryDeliveryStore extends DeliveryStore {
  readonly rows = new Map<string, Delivery>();

  claimed(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return Promise.resolve(new Set(ids.filter((id) => this.rows.has(id))));
  }

  claimMany(deliveries: readonly Delivery[]): Promise<ReadonlySet<string>> {
    const claimed = new Set<string>();
    for (const delivery of deliveries) {
      if (this.rows.has(delivery.id)) continue;
      this.rows.set(delivery.id, delivery);
      claimed.add(delivery.id);
    }
    return Promise.resolve(claimed);
  }

  find(id: string): Promise<Delivery | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  async settleMany(settled: readonly SettledAttempt[]): Promise<number> {
    let replaced = 0;
    for (const { recorded, held } of settled) {
      const current = this.rows.get(recorded.id);
      if (await this.put(recorded, current?.state === 'sending' && current.lease?.owner === held.owner && current.lease.until === held.until)) replaced += 1;
    }
    return replaced;
  }

  replace(delivery: Delivery, expected: DeliveryState): Promise<boolean> {
    return this.put(delivery, this.rows.get(delivery.id)?.state === expected);
  }

  takeDue(now: number, lease: DeliveryLease, limit: number): Promise<Delivery[]> {
    const due = [...this.rows.values()].filter((d) => (dueAt(d) ?? Infinity) <= now).sort((a, b) => (dueAt(a) ?? 0) - (dueAt(b) ?? 0));
    const taken = due.slice(0, limit).map((d) => ({ ...d, ...attemptStart(lease, now) }));
    for (const d of taken) this.rows.set(d.id, d);
    return Promise.resolve(taken);
  }

  inbox(personId: string, unreadOnly: boolean, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    return this.page((d) => inboxOwner(d) === personId && (!unreadOnly || d.readAt === null), page);
  }

  inboxEntry(personId: string, id: string): Promise<Delivery | null> {
    const d = this.rows.get(id);
    return Promise.resolve(d !== undefined && inboxOwner(d) === personId ? d : null);
  }

  unreadCount(personId: string): Promise<number> {
    return Promise.resolve([...this.rows.values()].filter((d) => inboxOwner(d) === personId && d.readAt === null).length);
  }

  markRead(personId: string, ids: readonly string[] | null, at: number): Promise<number> {
    const read = [...this.rows.values()].filter((d) => inboxOwner(d) === personId && d.readAt === null && (ids === null || ids.includes(d.id)));
    for (const d of read) this.rows.set(d.id, { ...d, readAt: at });
    return Promise.resolve(read.length);
  }

  list(filter: DeliveryFilter, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    return this.page(
      (d) =>
        (filter.eventId === undefined || deliveryEventIds(d).includes(filter.eventId)) &&
        (filter.ticketId === undefined || deliveryTicket(d)?.id === filter.ticketId) &&
        (filter.recipientKey === undefined || recipientKey(d.notice.recipient) === filter.recipientKey) &&
        (filter.state === undefined || d.state === filter.state),
      page,
    );
  }

  private put(delivery: Delivery, allowed: boolean): Promise<boolean> {
    if (allowed) this.rows.set(delivery.id, delivery);
    return Promise.resolve(allowed);
  }

  private page(keep: (d: Delivery) => boolean, { first, after }: DeliveryPageRequest): Promise<Page<Delivery>> {
    const all = [...this.rows.values()].filter((d) => keep(d) && (after === null || deliverySortKey(d) < after)).sort((a, b) => (deliverySortKey(a) < deliverySortKey(b) ? 1 : -1));
    return Promise.resolve({ items: all.slice(0, first), hasNextPage: all.length > first });
  }
}
