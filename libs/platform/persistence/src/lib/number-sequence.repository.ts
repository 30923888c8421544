import type { Connection, Types } from 'mongoose';
import { collectionIndexes } from './index-declaration';
import { objectIdFromKey } from './object-id';
import { isDuplicateKeyError } from './persistence.errors';

/** The first number handed out per prefix: INC0001000, PRB0001000, CHG0001000. */
export const FIRST_NUMBER = 1000;

/**
 * Human-readable record numbers for any context (incident's INC/PRB, change's CHG), prefix-agnostic, unique under concurrent creation with nothing but single-document
 * atomicity: one counter document per prefix (ObjectId `_id` derived from the prefix) raised with
 * `$inc` in one findOneAndUpdate, which returns the value it set.
 */
export class NumberSequenceRepository {
  /** One counter per prefix, by `_id`. */
  static readonly indexes = [collectionIndexes('number_sequences', [])];

  private readonly ready = new Map<string, Promise<void>>();

  constructor(private readonly connection: Connection) {}

  private get counters() {
    return this.connection.collection<{ _id: Types.ObjectId; prefix: string; value: number }>('number_sequences');
  }

  /** The next number of `prefix` (upper-case letters), e.g. `CHG0001000`. */
  async next(prefix: string): Promise<string> {
    if (!/^[A-Z]{2,8}$/.test(prefix)) throw new Error(`number sequence prefix must be 2-8 upper-case letters: ${prefix}`);
    const _id = objectIdFromKey('number-sequence', prefix);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await this.ensure(prefix, _id);
      const counter = await this.counters.findOneAndUpdate({ _id }, { $inc: { value: 1 } }, { returnDocument: 'after' });
      if (counter !== null) return formatNumber(prefix, FIRST_NUMBER - 1 + counter.value);
      this.ready.delete(prefix);
    }
    throw new Error(`number sequence ${prefix} could not be created`);
  }

  /**
   * Creates the counter once per process with a plain insert (a concurrent creator loses on `_id`
   * and simply uses the winner's document); increments are then plain single-document updates.
   */
  private ensure(prefix: string, _id: Types.ObjectId): Promise<void> {
    let ready = this.ready.get(prefix);
    if (ready === undefined) {
      ready = this.counters.insertOne({ _id, prefix, value: 0 }).then(
        () => undefined,
        (error: unknown) => {
          if (!isDuplicateKeyError(error)) {
            this.ready.delete(prefix);
            throw error;
          }
        },
      );
      this.ready.set(prefix, ready);
    }
    return ready;
  }
}

/** `prefix` and a value, zero-padded to seven digits. */
export function formatNumber(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(7, '0')}`;
}
