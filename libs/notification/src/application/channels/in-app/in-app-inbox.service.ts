import { Clock } from '@itsm/platform/config';
import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
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

  unreadCount(personId: string): Promise<number> {
    return this.store.unreadCount(personId);
  }

  /** Marks the person's entries among `ids` (all of them when null) read; others' entries are untouched. Answers how many changed. */
  markRead(personId: string, ids: readonly string[] | null): Promise<number> {
    return this.store.markRead(personId, ids, this.clock.now().getTime());
  }
}
