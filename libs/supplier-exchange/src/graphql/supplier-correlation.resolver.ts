import { Roles } from '@itsm/platform/auth';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { WebhookQueueStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierWebhookDeliveryGql } from './supplier-correlation.types';

/** The admins' view of a ticket's webhook deliveries to suppliers (what is queued, retried, dead-lettered and why). */
@Resolver(() => SupplierWebhookDeliveryGql)
export class SupplierCorrelationResolver {
  constructor(private readonly queues: WebhookQueueStore) {}

  @Query(() => [SupplierWebhookDeliveryGql], { description: "A ticket's webhook deliveries, by supplier (suppliers on the webhook channel only)" })
  @Roles('admin')
  async supplierWebhookDeliveries(@Args('ticketId', { type: () => ID }) ticketId: string): Promise<SupplierWebhookDeliveryGql[]> {
    return (await this.queues.forTicket(ticketId)).map((state) => ({ ...state }));
  }
}
