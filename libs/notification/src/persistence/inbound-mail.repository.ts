import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { isDuplicateKeyError } from '@itsm/platform/persistence';
import type { StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { InboundMailStore } from '../application/ports/inbound-mail-store.port';
import type { InboundMailRecord, ReplyReceived } from '../application/ports/inbound-mail-store.port';
import type { InboundMailDocument } from './inbound-mail.schema';
import { NOTIFICATION_ENVELOPES } from './notification-envelopes';


/**
 * Inbound mails in MongoDB, one insert each: the record and a reply's `reply-received` event (in the
 * document's outbox) in ONE write, so a reply is published exactly when it is kept. The event is
 * keyed by the ticket (its subject) so the ticket's context applies replies in order; each reply is
 * its own record (sequence 1), so its consumer keeps it once by `replyId`, not by sequence.
 */
export class InboundMailRepository extends InboundMailStore {
  constructor(
    private readonly model: Model<StoredDocument<InboundMailDocument>>,
    private readonly afterCommit: () => void,
  ) {
    super();
  }

  async keep(record: InboundMailRecord, reply: ReplyReceived | null): Promise<'kept' | 'duplicate'> {
    const events: EventEnvelope[] = reply === null ? [] : aggregateEnvelopes(NOTIFICATION_ENVELOPES, reply.ticketId, 0, [{ type: NOTIFICATION_EVENT_TYPES.replyReceived, data: reply }]);
    const document: StoredDocument<InboundMailDocument> = {
      _id: new Types.ObjectId(record.id),
      _v: 1,
      _outbox: events,
      _outboxPending: events.length > 0,
      _outboxSent: 0,
      messageId: record.messageId,
      receivedAt: new Date(record.receivedAt),
      mailFrom: record.mailFrom,
      rcptTo: [...record.rcptTo],
      from: record.from,
      subject: record.subject,
      kind: record.kind,
      outcome: record.outcome,
      why: record.why.slice(0, 2_000),
      code: record.code,
      deliveryId: record.deliveryId,
      personId: record.personId,
      ticket: record.ticket === null ? null : { ...record.ticket },
    };
    try {
      await this.model.collection.insertOne(document as never);
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
    if (events.length > 0) this.afterCommit();
    return 'kept';
  }
}
