import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { WindowSlots } from '../application/planner/window-slots.port';
import { NotificationErrorCode, notificationError } from '../domain';

interface SlotWindowDocument {
  _id: Types.ObjectId;
  keys: string[];
  count: number;
  endsAt: Date;
}

const COLLECTION = 'notification_delivery_slots';
/** Concurrent first takes of one window race on its insert: the losers read and retry (a handful suffices). */
const ATTEMPTS = 5;

/**
 * The planner's storm and rate-limit windows, shared by every replica: one document per (counter,
 * window) holding the keys of the items that took its first `limit` slots. Taking is one
 * conditional upsert (not already in, fewer than `limit`), so two replicas never give one slot twice.
 */
export class WindowSlotRepository extends WindowSlots {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ endsAt: 1 })])];

  private readonly collection: Collection<SlotWindowDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<SlotWindowDocument>(COLLECTION);
  }

  async take(counter: string, windowStart: number, windowEnd: number, itemKey: string, limit: number): Promise<boolean> {
    const _id = objectIdFromKey('notification-slots', counter, String(windowStart));
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.collection.findOneAndUpdate(
          { _id, keys: { $ne: itemKey }, count: { $lt: limit } },
          { $push: { keys: itemKey }, $inc: { count: 1 }, $setOnInsert: { endsAt: new Date(windowEnd) } },
          { upsert: true },
        );
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // The window exists and did not take the item: it holds it already, it is full, or another take won the insert.
      const window = await this.collection.findOne({ _id });
      if (window?.keys.includes(itemKey) === true) return true;
      if (window !== null && window.count >= limit) return false;
      if (attempt >= ATTEMPTS) throw notificationError(NotificationErrorCode.Conflict, `window ${counter}@${windowStart}: ${ATTEMPTS} concurrent takes lost the race`);
    }
  }

  async purgeEnded(now: number): Promise<number> {
    return (await this.collection.deleteMany({ endsAt: { $lt: new Date(now) } })).deletedCount;
  }
}
