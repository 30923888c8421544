import { DeliveryRecords } from '../../ports';
import type { RecordedDelivery } from '../../ports';

/**
 * The delivery lane's records as a spec sets them up: deliveries to find, bounces recorded (the
 * first reason per delivery, as the port promises). The real DeliveryRecords belongs to delivery.
 */
export class SpecDeliveryRecords extends DeliveryRecords {
  readonly deliveries = new Map<string, RecordedDelivery>();
  readonly bounces = new Map<string, { readonly reason: string; readonly at: number }>();

  find(deliveryId: string): Promise<RecordedDelivery | null> {
    return Promise.resolve(this.deliveries.get(deliveryId) ?? null);
  }

  recordBounce(deliveryId: string, reason: string, at: number): Promise<void> {
    if (!this.bounces.has(deliveryId)) this.bounces.set(deliveryId, { reason, at });
    return Promise.resolve();
  }
}
