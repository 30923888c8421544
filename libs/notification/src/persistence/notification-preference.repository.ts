import { collectionIndexes, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { PreferenceStore } from '../application/preferences/preference-store.port';
import type { NotificationPreferences } from '../domain/preferences';

interface PreferenceDocument extends NotificationPreferences {
  _id: Types.ObjectId;
  updatedAt: Date;
}

const COLLECTION = 'notification_preferences';
const keyOf = (personId: string): Types.ObjectId => objectIdFromKey('notification-preferences', personId);

/** People's notification preferences, one document per person (read and written by its id only). */
export class NotificationPreferenceRepository extends PreferenceStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [])];

  private readonly collection: Collection<PreferenceDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<PreferenceDocument>(COLLECTION);
  }

  async findMany(personIds: readonly string[]): Promise<ReadonlyMap<string, NotificationPreferences>> {
    if (personIds.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: personIds.map(keyOf) } }).toArray();
    return new Map(docs.map((d) => [d.personId, { personId: d.personId, channels: d.channels, quietHours: d.quietHours, urgentBreaksQuietHours: d.urgentBreaksQuietHours, digests: d.digests }]));
  }

  async save(preferences: NotificationPreferences, now: number): Promise<void> {
    const { personId, channels, quietHours, urgentBreaksQuietHours, digests } = preferences;
    await this.collection.replaceOne({ _id: keyOf(personId) }, { personId, channels, quietHours, urgentBreaksQuietHours, digests, updatedAt: new Date(now) }, { upsert: true });
  }
}
