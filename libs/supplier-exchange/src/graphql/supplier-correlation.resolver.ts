import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReleaseSupplierWebhookQueueCommand } from '../application/commands/release-supplier-webhook-queue/release-supplier-webhook-queue.command';
import { ReleaseSupplierWebhookQueueHandler } from '../application/commands/release-supplier-webhook-queue/release-supplier-webhook-queue.handler';
import { WebhookQueueStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierWebhookDeliveryGql } from './supplier-correlation.types';
import { supplierExchangeErrorFilter } from './supplier-exchange-error.filter';

/** The admins' view of a ticket's webhook deliveries to suppliers (what is queued, retried, dead-lettered and why), and releasing a held one. */
@Resolver(() => SupplierWebhookDeliveryGql)
@UseFilters(supplierExchangeErrorFilter)
export class SupplierCorrelationResolver {
  constructor(
    private readonly queues: WebhookQueueStore,
    private readonly releaser: ReleaseSupplierWebhookQueueHandler,
  ) {}

  @Query(() => [SupplierWebhookDeliveryGql], { description: "A ticket's webhook deliveries, by supplier (suppliers on the webhook channel only)" })
  @Roles('admin')
  async supplierWebhookDeliveries(@Args('ticketId', { type: () => ID }) ticketId: string): Promise<SupplierWebhookDeliveryGql[]> {
    return (await this.queues.forTicket(ticketId)).map((state) => ({ ...state }));
  }

  @Mutation(() => SupplierWebhookDeliveryGql, { description: "Sends a queue held behind a dead letter again (the supplier fixed its side): the held event first, with fresh attempts, then the ticket's later events in order; NOT_HELD when it is not held" })
  @Roles('admin')
  async releaseSupplierWebhookQueue(@Args('ticketId', { type: () => ID }) ticketId: string, @Args('supplierId', { type: () => ID }) supplierId: string): Promise<SupplierWebhookDeliveryGql> {
    return { ...(await this.releaser.execute(new ReleaseSupplierWebhookQueueCommand(ticketId, supplierId))) };
  }
}
