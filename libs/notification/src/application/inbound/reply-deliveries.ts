import { DirectoryProjection } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { acceptsReplies, NotificationErrorCode } from '../../domain';
import type { TicketRef } from '../../domain';
import type { NotificationSettings } from '../../notification-env';
import { NOTIFICATION_SETTINGS } from '../../notification-env';
import { DeliveryRecords } from '../ports';
import { SignedTokens } from '../signed-tokens';

/** Whose reply a mail to `reply+<token>@` is, or why it is refused (kept, never a comment). */
export type ReplyAuthor =
  | { readonly kind: 'accepted'; readonly deliveryId: string; readonly personId: string; readonly ticket: TicketRef }
  | { readonly kind: 'refused'; readonly code: NotificationErrorCode; readonly why: string; readonly deliveryId: string | null; readonly personId: string | null };

/**
 * Checks a reply address's token (signed for `reply` over the delivery's id), finds the delivery it
 * answers (a mail to a person about a ticket whose context takes replies as comments: its profile's
 * `acceptsReplies`) and requires the mail's From to be that person's address: a forwarded
 * notification answered by someone else is refused, not commented.
 */
@Injectable()
export class ReplyDeliveries {
  private readonly tokens: SignedTokens;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings,
    private readonly deliveries: DeliveryRecords,
    private readonly directory: DirectoryProjection,
  ) {
    this.tokens = new SignedTokens(settings.signingSecret);
  }

  async author(token: string, from: string | null): Promise<ReplyAuthor> {
    const refused = (code: NotificationErrorCode, why: string, deliveryId: string | null = null, personId: string | null = null): ReplyAuthor => ({ kind: 'refused', code, why, deliveryId, personId });
    const deliveryId = this.tokens.verify('reply', token);
    if (deliveryId === null) return refused(NotificationErrorCode.InvalidSignature, 'the reply address does not verify');
    const delivery = await this.deliveries.find(deliveryId);
    if (delivery === null) return refused(NotificationErrorCode.NotFound, `no delivery ${deliveryId}`, deliveryId);
    if (delivery.recipient.kind !== 'person' || delivery.channel !== 'email') return refused(NotificationErrorCode.Forbidden, `delivery ${deliveryId} was no mail to a person`, deliveryId);
    const personId = delivery.recipient.personId;
    if (delivery.ticket === null) return refused(NotificationErrorCode.NotFound, `delivery ${deliveryId} is about no ticket`, deliveryId, personId);
    if (!acceptsReplies(delivery.ticket.topic)) return refused(NotificationErrorCode.Forbidden, `replies about ${delivery.ticket.topic} tickets are not taken as comments (their context has none)`, deliveryId, personId);
    const person = (await this.directory.people([personId])).get(personId);
    if (person === undefined || !person.active) return refused(NotificationErrorCode.Forbidden, `${personId} is not an active person`, deliveryId, personId);
    if (from === null || person.email === null || person.email.toLowerCase() !== from) {
      return refused(NotificationErrorCode.Forbidden, `From ${from ?? '(none)'} is not the address of ${personId}`, deliveryId, personId);
    }
    return { kind: 'accepted', deliveryId, personId, ticket: delivery.ticket };
  }
}
