import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../../../domain';
import { WebhookQueueStore } from '../../ports/supplier-exchange-stores.port';
import type { WebhookDeliveryState } from '../../ports/supplier-exchange-stores.port';
import type { ReleaseSupplierWebhookQueueCommand } from './release-supplier-webhook-queue.command';

/**
 * Releases a webhook queue held behind a dead letter: the dead-lettered event is tried again at once,
 * with fresh attempts, and the ticket's later events follow it in order (none is skipped: the
 * supplier's stream keeps no gap). A queue that is not held is NOT_HELD.
 */
@Injectable()
export class ReleaseSupplierWebhookQueueHandler {
  constructor(
    private readonly queues: WebhookQueueStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: ReleaseSupplierWebhookQueueCommand): Promise<WebhookDeliveryState> {
    const { ticketId, supplierId } = command;
    if ((await this.queues.release(ticketId, supplierId, this.clock.now())) === 'not-held') {
      throw supplierExchangeError(SupplierExchangeErrorCode.NotHeld, `the webhook queue of ticket ${ticketId} to ${supplierId} is not held`, { ticketId, supplierId });
    }
    const state = (await this.queues.forTicket(ticketId)).find((s) => s.supplierId === supplierId);
    if (state === undefined) throw new Error(`the released queue of ${ticketId} to ${supplierId} is gone`);
    return state;
  }
}
