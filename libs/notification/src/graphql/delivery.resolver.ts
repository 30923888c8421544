import { Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DeliveryReport } from '../application/delivery/delivery-report.service';
import type { Recipient } from '../domain';
import { notificationError, NotificationErrorCode } from '../domain';
import type { DeliveryState } from '../domain/delivery';
import { notificationErrorFilter } from './notification-error.filter';
import { deliveryCursor, deliveryPage, toDeliveryGql } from './delivery-graphql.mapper';
import { NotificationDeliveryConnectionGql, NotificationDeliveryGql, NotificationDeliveryStateGql } from './delivery.types';

/** The recipient an admin names: a person, a mail address or an endpoint (at most one). */
function recipientOf(personId: string | null, address: string | null, endpointId: string | null): Recipient | null {
  const named = [personId, address, endpointId].filter((x) => x !== null);
  if (named.length > 1) throw notificationError(NotificationErrorCode.InvalidInput, 'name one recipient: a person, an address or an endpoint', { field: 'recipient' });
  if (personId !== null) return { kind: 'person', personId, displayName: personId, email: null, locale: null, timeZone: null, chatHandle: null };
  if (address !== null) return { kind: 'address', address };
  return endpointId === null ? null : { kind: 'endpoint', endpointId };
}

/** "What happened to this notification": deliveries per event, ticket, recipient or state, for notification admins. */
@Resolver(() => NotificationDeliveryGql)
@UseFilters(notificationErrorFilter)
export class DeliveryResolver {
  constructor(private readonly report: DeliveryReport) {}

  @Query(() => NotificationDeliveryConnectionGql, { description: 'Deliveries of an event, a ticket or a recipient (optionally in one state), newest first: state, attempts, last outcome, reason' })
  @Roles('notification-admin', 'admin')
  async notificationDeliveries(
    @Args('eventId', { type: () => ID, nullable: true }) eventId: string | null,
    @Args('ticketId', { type: () => ID, nullable: true }) ticketId: string | null,
    @Args('recipientPersonId', { type: () => ID, nullable: true }) recipientPersonId: string | null,
    @Args('recipientAddress', { type: () => String, nullable: true }) recipientAddress: string | null,
    @Args('endpointId', { type: () => ID, nullable: true }) endpointId: string | null,
    @Args('state', { type: () => NotificationDeliveryStateGql, nullable: true }) state: DeliveryState | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<NotificationDeliveryGql>> {
    const question = { eventId: eventId ?? null, ticketId: ticketId ?? null, recipient: recipientOf(recipientPersonId ?? null, recipientAddress ?? null, endpointId ?? null), state: state ?? null };
    return toConnection(await this.report.deliveries(question, deliveryPage('ndlv', { first, after })), deliveryCursor, toDeliveryGql);
  }
}
