import type { EventEnvelope } from '@itsm/contracts';
import { createHash } from 'node:crypto';

/**
 * The inbox: a document that an event changes also records, in the same update, the last sequence
 * it applied from that event's stream (source + subject). A duplicate or an older event then
 * matches no document and changes nothing, which single-document atomicity guarantees even when
 * the process dies between the write and the offset commit.
 */
export const INBOX_FIELD = '_inbox';

/** Field-name-safe key of an event stream. */
export function streamKey(envelope: Pick<EventEnvelope, 'source' | 'subject'>): string {
  return `s${createHash('sha256').update(`${envelope.source}\u0000${envelope.subject}`).digest('hex').slice(0, 32)}`;
}

export interface InboxGuard {
  readonly path: string;
  readonly sequence: number;
  /** Filter clause: the document has not applied this event (or anything after it). */
  readonly filter: Record<string, unknown>;
  /** `$set` clause recording the event as applied. */
  readonly set: Record<string, number>;
}

/**
 * `contiguous`: apply only the event right after the last applied one (seq = last + 1, or 1 on a
 * fresh stream), for consumers that must not skip; otherwise any newer event applies.
 */
export function inboxGuard(envelope: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>, contiguous = false): InboxGuard {
  const path = `${INBOX_FIELD}.${streamKey(envelope)}`;
  const { sequence } = envelope;
  const filter = contiguous
    ? sequence === 1
      ? { [path]: { $exists: false } }
      : { [path]: sequence - 1 }
    : { $or: [{ [path]: { $exists: false } }, { [path]: { $lt: sequence } }] };
  return { path, sequence, filter, set: { [path]: sequence } };
}

/** The last sequence a stored document applied from the event's stream (0 when none). */
export function appliedSequence(document: { [INBOX_FIELD]?: Record<string, number> } | null | undefined, envelope: Pick<EventEnvelope, 'source' | 'subject'>): number {
  return document?.[INBOX_FIELD]?.[streamKey(envelope)] ?? 0;
}
