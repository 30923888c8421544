import { isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';

/** The first number handed out per prefix: INC0001000, PRB0001000. */
export const FIRST_NUMBER = 1000;

/**
 * Human-readable ticket numbers, unique under concurrent creation with nothing but single-document
 * atomicity: one counter document per prefix (ObjectId `_id` derived from the prefix) raised with
 * `$inc`; the first concurrent upserts race on `_id` uniqueness and the loser retries as an update.
 */
export class NumberSequenceRepository {
  constructor(private readonly connection: Connection) {}

  async next(prefix: 'INC' | 'PRB'): Promise<string> {
    const counters = this.connection.collection<{ _id: Types.ObjectId; prefix: string; value: number }>('number_sequences');
    const filter = { _id: objectIdFromKey('number-sequence', prefix) };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const counter = await counters.findOneAndUpdate(
          filter,
          { $inc: { value: 1 }, $setOnInsert: { prefix } },
          { upsert: true, returnDocument: 'after' },
        );
        if (counter === null) throw new Error(`number sequence ${prefix} did not return its value`);
        return format(prefix, FIRST_NUMBER - 1 + counter.value);
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= 5) throw error;
      }
    }
  }
}

export function format(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(7, '0')}`;
}
