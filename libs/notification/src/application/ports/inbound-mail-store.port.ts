import type { InboundKind } from '../../domain';

/** What was done with an inbound mail: the audit of the "no loops" promise. */
export const INBOUND_OUTCOMES = ['reply-published', 'refused', 'bounce-recorded', 'ignored'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** One inbound mail as kept: every mail, whatever it was, with its classification, why and what was done. */
export interface InboundMailRecord {
  /** 24 hex digits from the Message-ID (else the raw mail's hash): receiving the mail again is a no-op. */
  readonly id: string;
  readonly messageId: string | null;
  readonly receivedAt: number;
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly from: string | null;
  readonly subject: string | null;
  readonly kind: InboundKind;
  readonly outcome: InboundOutcome;
  /** Why it was classified and treated so (the rule that matched, the refusal, the bounce's status). */
  readonly why: string;
  /** The NotificationErrorCode a refused reply was refused with, or null. */
  readonly code: string | null;
  readonly deliveryId: string | null;
  readonly personId: string | null;
  readonly ticket: { readonly topic: string; readonly id: string } | null;
}

/** The payload of `itsm.notification.reply-received.v1` (published with the record, in one write). */
export interface ReplyReceived {
  readonly replyId: string;
  readonly ticketTopic: string;
  readonly ticketId: string;
  readonly personId: string;
  readonly body: string;
  readonly deliveryId: string;
  readonly by: string;
  readonly at: string;
}

/** Keeps inbound mails once each (by id), a reply's event in the same document write (outbox). */
export abstract class InboundMailStore {
  /** `duplicate` when a mail with this id was kept before (nothing written, nothing published). */
  abstract keep(record: InboundMailRecord, reply: ReplyReceived | null): Promise<'kept' | 'duplicate'>;
}
