import { Inject, Injectable } from '@nestjs/common';
import { bounceEffect, classifyInboundMail, replyText } from '../../../domain';
import type { InboundClassification } from '../../../domain';
import type { NotificationSettings } from '../../../notification-env';
import { NOTIFICATION_SETTINGS } from '../../../notification-env';
import { inboundMailId } from '../../inbound/inbound-mail-id';
import { parseInboundMail } from '../../inbound/parse-inbound-mail';
import type { ParsedInbound } from '../../inbound/parse-inbound-mail';
import { ReplyDeliveries } from '../../inbound/reply-deliveries';
import { DeliveryRecords } from '../../ports';
import { InboundMailStore } from '../../ports/inbound-mail-store.port';
import type { InboundMailRecord, ReplyReceived } from '../../ports/inbound-mail-store.port';
import type { ReceiveInboundMailCommand } from './receive-inbound-mail.command';

type Treatment = Pick<InboundMailRecord, 'outcome' | 'why' | 'code' | 'deliveryId' | 'personId' | 'ticket'> & { readonly reply: ReplyReceived | null };

const nothing = { code: null, deliveryId: null, personId: null, ticket: null, reply: null } as const;

/**
 * Receives one inbound mail: keeps it (once per Message-ID) with its classification, why, and what
 * was done. A verified reply from the delivery's person publishes `reply-received` in the same
 * write; a bounce fails its delivery; auto-replies, read receipts, our own mails and unknown mails
 * change nothing. Resolves once the mail is stored (the listener's 250); a storage failure rejects.
 */
@Injectable()
export class ReceiveInboundMailHandler {
  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly store: InboundMailStore,
    private readonly replies: ReplyDeliveries,
    private readonly deliveries: DeliveryRecords,
  ) {}

  async execute(command: ReceiveInboundMailCommand): Promise<InboundMailRecord & { readonly stored: 'kept' | 'duplicate' }> {
    const parsed = await parseInboundMail(command.raw, command.envelope);
    const id = inboundMailId(parsed.messageId, command.raw);
    const classification = classifyInboundMail(parsed.facts, { sender: this.settings.mailFrom, domain: this.settings.mailDomain });
    const { reply, ...treatment } = await this.treat(id, classification, parsed, command.now);
    const record: InboundMailRecord = {
      id,
      messageId: parsed.messageId,
      receivedAt: command.now,
      mailFrom: parsed.facts.mailFrom,
      rcptTo: parsed.facts.rcptTo,
      from: parsed.facts.from,
      subject: parsed.subject,
      kind: classification.kind,
      ...treatment,
      why: `${classification.why}; ${treatment.why}`,
    };
    return { ...record, stored: await this.store.keep(record, reply) };
  }

  private async treat(id: string, classification: InboundClassification, parsed: ParsedInbound, now: number): Promise<Treatment> {
    switch (classification.kind) {
      case 'reply':
        return this.reply(id, classification.token, parsed, now);
      case 'bounce': {
        const effect = bounceEffect(classification.deliveryId, parsed.deliveryStatus);
        if (effect.kind === 'none') return { ...nothing, outcome: 'ignored', why: effect.why };
        await this.deliveries.recordBounce(effect.deliveryId, effect.reason, now);
        return { ...nothing, outcome: 'bounce-recorded', why: effect.reason, deliveryId: effect.deliveryId };
      }
      case 'auto-reply':
      case 'mdn':
      case 'own':
      case 'unknown':
        return { ...nothing, outcome: 'ignored', why: 'never a comment, never answered' };
    }
  }

  private async reply(id: string, token: string, parsed: ParsedInbound, now: number): Promise<Treatment> {
    const author = await this.replies.author(token, parsed.facts.from);
    if (author.kind === 'refused') return { ...nothing, outcome: 'refused', why: author.why, code: author.code, deliveryId: author.deliveryId, personId: author.personId };
    const { deliveryId, personId, ticket } = author;
    const found = { deliveryId, personId, ticket: { topic: ticket.topic, id: ticket.id } };
    const body = replyText(parsed.text).slice(0, 20_000);
    if (body === '') return { ...nothing, ...found, outcome: 'ignored', why: 'the reply adds no text' };
    const reply: ReplyReceived = { replyId: id, ticketTopic: ticket.topic, ticketId: ticket.id, personId, body, deliveryId, by: personId, at: new Date(now).toISOString() };
    return { ...found, code: null, reply, outcome: 'reply-published', why: `a comment by ${personId} on ${ticket.topic} ${ticket.id}` };
  }
}
