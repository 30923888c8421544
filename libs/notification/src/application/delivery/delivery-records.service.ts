import { Injectable } from '@nestjs/common';
import { notificationError, NotificationErrorCode } from '../../domain';
import { deliveryThreadTicket, recordBounce } from '../../domain/delivery';
import { DeliveryRecords } from '../ports';
import type { RecordedDelivery } from '../ports';
import { DeliveryStore } from './delivery-store.port';

/** The deliveries inbound mail names (a reply's, a bounce's), from the delivery store. */
@Injectable()
export class StoredDeliveryRecords extends DeliveryRecords {
  constructor(private readonly store: DeliveryStore) {
    super();
  }

  /** The delivery a reply or bounce names, with the ticket a reply would comment on: none for a digest across tickets. */
  async find(deliveryId: string): Promise<RecordedDelivery | null> {
    const d = await this.store.find(deliveryId);
    return d === null ? null : { deliveryId: d.id, recipient: d.notice.recipient, channel: d.notice.channel, ticket: deliveryThreadTicket(d) };
  }

  async recordBounce(deliveryId: string, reason: string, at: number): Promise<void> {
    const d = await this.store.find(deliveryId);
    if (d === null) throw notificationError(NotificationErrorCode.NotFound, `no delivery ${deliveryId}`, { deliveryId });
    const bounced = recordBounce(d, reason, at);
    if (bounced === d) return;
    if (!(await this.store.replace(bounced, d.state))) throw notificationError(NotificationErrorCode.Conflict, `delivery ${deliveryId} changed while its bounce was recorded`, { deliveryId });
  }
}
