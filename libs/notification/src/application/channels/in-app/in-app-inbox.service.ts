import { Clock } from '@itsm/platform/config';
import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import { notificationError, NotificationErrorCode } from '../../../domain';
import type { Delivery } from '../../../domain/delivery';
import { DeliveryStore } from '../../delivery/delivery-store.port';
import type { DeliveryPageRequest } from '../../delivery/delivery-store.port';

/** A person's in-app inbox: their in-app deliveries (each entry is one), newest first, read or unread. Only ever the caller's own. */
@Injectable()
export class InAppInbox {
  constructor(
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
  ) {}

  entries(personId: string, unreadOnly: boolean, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    return this.store.inbox(personId, unreadOnly, page);
  }

  /** One entry of the person's inbox; NOTIFICATION.NOT_FOUND for another's, one not delivered (yet) and an unknown id alike. */
  async entry(personId: string, id: string): Promise<Delivery> {
    const found = await this.store.inboxEntry(personId, id);
    if (found === null) throw notificationError(NotificationErrorCode.NotFound, `no notification ${id} in your inbox`, { deliveryId: id });
    return found;
  }

  unreadCount(personId: string): Promise<number> {
    return this.store.unreadCount(personId);
  }

  /** Marks the person's entries among `ids` (all of them when null) read; others' entries are untouched. Answers how many changed. */
  markRead(personId: string, ids: readonly string[] | null): Promise<number> {
    return this.store.markRead(personId, ids, this.clock.now().getTime());
  }
}
