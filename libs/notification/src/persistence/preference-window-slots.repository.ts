import { collectionIndexes, index, objectIdFromKey, unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { WindowSlots } from '../application/planner/window-slots.port';
import type { SlotTake } from '../application/planner/window-slots.port';
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
const windowIdOf = (take: SlotTake): Types.ObjectId => objectIdFromKey('notification-slots', take.counter, String(take.windowStart));

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

  /**
   * Every take as one conditional upsert in one unordered bulkWrite (one server applies them in the
   * order given; across replicas, as with concurrent takes, any order may win). One refused as a duplicate key did not take a slot there: the window holds it already,
   * is full, or another take won its insert; those are read back, and the last kind is tried again.
   */
  async takeMany(takes: readonly SlotTake[]): Promise<boolean[]> {
    const answers: (boolean | undefined)[] = takes.map(() => undefined);
    let open = takes.map((_, i) => i);
    for (let attempt = 1; open.length > 0; attempt += 1) {
      const asked = open.map((i) => ({ i, take: takes[i] as SlotTake, _id: windowIdOf(takes[i] as SlotTake) }));
      const ops = asked.map(({ take, _id }) => ({
        updateOne: { filter: { _id, keys: { $ne: take.itemKey }, count: { $lt: take.limit } }, update: { $push: { keys: take.itemKey }, $inc: { count: 1 }, $setOnInsert: { endsAt: new Date(take.windowEnd) } }, upsert: true },
      }));
      const refused = await unorderedWriteDuplicates((options) => this.collection.bulkWrite(ops, options));
      asked.forEach(({ i }, at) => {
        if (!refused.has(at)) answers[i] = true;
      });
      const recheck = asked.filter((_, at) => refused.has(at));
      if (recheck.length === 0) break;
      const windows = new Map((await this.collection.find({ _id: { $in: recheck.map((r) => r._id) } }).toArray()).map((w) => [w._id.toHexString(), w]));
      open = [];
      for (const { i, take, _id } of recheck) {
        const window = windows.get(_id.toHexString());
        if (window?.keys.includes(take.itemKey) === true) answers[i] = true;
        else if (window !== undefined && window.count >= take.limit) answers[i] = false;
        else open.push(i);
      }
      if (open.length > 0 && attempt >= ATTEMPTS) throw notificationError(NotificationErrorCode.Conflict, `${open.length} window takes lost ${ATTEMPTS} concurrent races`);
    }
    return answers.map((answer) => answer === true);
  }

  async purgeEnded(now: number): Promise<number> {
    return (await this.collection.deleteMany({ endsAt: { $lt: new Date(now) } })).deletedCount;
  }
}
