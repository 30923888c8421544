import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import { notificationError, NotificationErrorCode, recipientKey } from '../../domain';
import type { Recipient } from '../../domain';
import type { Delivery, DeliveryState } from '../../domain/delivery';
import { DeliveryStore } from './delivery-store.port';
import type { DeliveryPageRequest } from './delivery-store.port';

/** What an admin asks "what happened to this notification" by: an event, a ticket, a recipient, and optionally a state. */
export interface DeliveryQuestion {
  readonly eventId: string | null;
  readonly ticketId: string | null;
  readonly recipient: Recipient | null;
  readonly state: DeliveryState | null;
}

/** Deliveries as an admin reads them: per event, ticket or recipient, with state, attempts, outcomes and reasons. */
@Injectable()
export class DeliveryReport {
  constructor(private readonly store: DeliveryStore) {}

  deliveries(question: DeliveryQuestion, page: DeliveryPageRequest): Promise<Page<Delivery>> {
    const { eventId, ticketId, recipient, state } = question;
    if (eventId === null && ticketId === null && recipient === null && state === null) {
      throw notificationError(NotificationErrorCode.InvalidInput, 'name an event, a ticket, a recipient or a state', { field: 'filter' });
    }
    return this.store.list(
      {
        ...(eventId === null ? {} : { eventId }),
        ...(ticketId === null ? {} : { ticketId }),
        ...(recipient === null ? {} : { recipientKey: recipientKey(recipient) }),
        ...(state === null ? {} : { state }),
      },
      page,
    );
  }
}
