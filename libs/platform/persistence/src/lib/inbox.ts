import type { EventEnvelope } from '@itsm/contracts';
import { createHash } from 'node:crypto';
import { isDuplicateKeyError } from './persistence.errors';

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

/** The update operators a projection applies with `applyOnce`. */
export interface ProjectionUpdate {
  readonly $set?: Record<string, unknown>;
  readonly $unset?: Record<string, ''>;
  readonly $addToSet?: Record<string, unknown>;
  readonly $pullAll?: Record<string, readonly unknown[]>;
}

/** The one method of a driver collection `applyOnce` needs (mongoose's and the driver's both fit). */
export interface UpdatableCollection {
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>, options: { upsert: boolean }): Promise<{ modifiedCount: number; upsertedCount: number }>;
}

/**
 * Applies one consumed event to the projection document `_id` (created when absent) unless that
 * document has applied this event or a later one of the event's stream: one single-document
 * update, so a duplicate, a replay or an older event changes nothing. `duplicate` when it did not apply.
 */
export async function applyOnce(
  collection: UpdatableCollection,
  _id: unknown,
  envelope: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>,
  update: ProjectionUpdate,
): Promise<'applied' | 'duplicate'> {
  const guard = inboxGuard(envelope);
  try {
    const result = await collection.updateOne({ _id, ...guard.filter }, { ...update, $set: { ...update.$set, ...guard.set } }, { upsert: true });
    return result.modifiedCount + result.upsertedCount > 0 ? 'applied' : 'duplicate';
  } catch (error) {
    // The document exists and has applied this sequence (or a later one): the upsert hit its _id.
    if (isDuplicateKeyError(error)) return 'duplicate';
    throw error;
  }
}
