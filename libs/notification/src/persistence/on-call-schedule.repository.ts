import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { OnCallScheduleStore } from '../application/ports/on-call-stores.port';
import { NotificationErrorCode, notificationError } from '../domain';
import type { OnCallSchedule } from '../domain/on-call/on-call-schedule';

interface OnCallScheduleDocument extends OnCallSchedule {
  _id: Types.ObjectId;
}

const COLLECTION = 'notification_on_call_schedules';
/** One schedule per group: the group is the document's key. */
const keyOf = (groupId: string): Types.ObjectId => objectIdFromKey('on-call-schedule', groupId);

/** On-call schedules, one document per group. */
export class OnCallScheduleRepository extends OnCallScheduleStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ groupId: 1 })])];

  private readonly collection: Collection<OnCallScheduleDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<OnCallScheduleDocument>(COLLECTION);
  }

  async byGroup(groupId: string): Promise<OnCallSchedule | null> {
    const document = await this.collection.findOne({ _id: keyOf(groupId) });
    return document === null ? null : toSchedule(document);
  }

  async save(schedule: OnCallSchedule): Promise<void> {
    const _id = keyOf(schedule.groupId);
    try {
      // Matching the id too: a group's schedule saved under another id misses, and its upsert collides on `_id`.
      await this.collection.replaceOne({ _id, id: schedule.id }, { ...toSchedule(schedule) }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw notificationError(NotificationErrorCode.Conflict, `Group ${schedule.groupId} has another schedule`, { groupId: schedule.groupId, scheduleId: schedule.id });
    }
  }

  async list(first: number, afterGroupId: string | null): Promise<readonly OnCallSchedule[]> {
    const filter = afterGroupId === null ? {} : { groupId: { $gt: afterGroupId } };
    return (await this.collection.find(filter).sort({ groupId: 1 }).limit(first).toArray()).map(toSchedule);
  }
}

function toSchedule(d: OnCallSchedule): OnCallSchedule {
  return {
    id: d.id,
    groupId: d.groupId,
    zone: d.zone,
    rotations: d.rotations.map((r) => ({ handoffMinute: r.handoffMinute, startDate: r.startDate, lengthDays: r.lengthDays, members: [...r.members] })),
    overrides: d.overrides.map((o) => ({ from: o.from, to: o.to, personId: o.personId, reason: o.reason })),
  };
}
