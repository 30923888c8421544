import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A deterministic ObjectId from a natural key (e.g. a consumer group and an event's source + id),
 * so idempotency rests on `_id` uniqueness, the one uniqueness every MongoDB peer enforces.
 * 96 bits of SHA-256: a collision is not expected below ~10^14 keys in one collection.
 */
export function objectIdFromKey(...parts: readonly string[]): Types.ObjectId {
  const digest = createHash('sha256').update(parts.map((p) => `${p.length}:${p}`).join('|')).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}
