import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';

/** One inbound mail as kept (`notification_inbound_mails`): `_id` from its Message-ID, its reply's event in the outbox. */
export interface InboundMailDocument {
  messageId: string | null;
  receivedAt: Date;
  mailFrom: string;
  rcptTo: string[];
  from: string | null;
  subject: string | null;
  kind: string;
  outcome: string;
  why: string;
  code: string | null;
  deliveryId: string | null;
  personId: string | null;
  ticket: { topic: string; id: string } | null;
}

export const inboundMailSchema = new Schema<InboundMailDocument>(
  {
    messageId: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    mailFrom: { type: String, default: '' },
    rcptTo: { type: [String], default: [] },
    from: { type: String, default: null },
    subject: { type: String, default: null },
    kind: { type: String, required: true },
    outcome: { type: String, required: true },
    why: { type: String, required: true },
    code: { type: String, default: null },
    deliveryId: { type: String, default: null },
    personId: { type: String, default: null },
    ticket: { type: {}, default: null },
  },
  { collection: 'notification_inbound_mails', id: false },
);
// Written once per mail by `_id`; read only by the outbox relay (the plugin's pending index).
inboundMailSchema.plugin(aggregateDocumentPlugin);
