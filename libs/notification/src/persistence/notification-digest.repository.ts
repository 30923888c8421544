import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Collection, Connection } from 'mongoose';
import { DigestStore } from '../application/digests/digest-store.port';
import type { ClaimedDigest, DigestEntry } from '../application/digests/digest-store.port';
import { NotificationErrorCode, notificationError } from '../domain';
import type { NoticeItem, NotificationCategory, PersonChannel, PersonRecipient } from '../domain';
import type { DigestKind } from '../domain/digests';

interface StoredEntry {
  noticeKey: string;
  category: NotificationCategory;
  /** The notice's items as JSON: event payloads may hold keys MongoDB does not take as field names. */
  items: string;
}

interface DigestDocument {
  _id: Types.ObjectId;
  recipient: PersonRecipient;
  channel: PersonChannel;
  kind: DigestKind;
  window: string;
  generation: number;
  at: Date;
  state: 'open' | 'flushing' | 'flushed';
  /** When it is next due: its time while open, the claim's expiry while flushing; unset once flushed. */
  dueAt?: Date;
  noticeKeys: string[];
  entries: StoredEntry[];
  createdAt: Date;
  claimedAt?: Date;
  flushedAt?: Date;
}

const COLLECTION = 'notification_digests';
/** A window's digests after the first claimed one (late entries); more means a clock far off: refused. */
const GENERATIONS = 10;
const ATTEMPTS = 5;

/**
 * People's digests: one open document per (person, channel, kind, window); an entry is pushed with
 * its notice key in one conditional upsert (not claimed yet, key not in it), so joining twice adds
 * it once and two replicas joining at once both land. A late entry (the digest already claimed)
 * opens the window's next generation, due at the same time: nothing is dropped.
 */
export class NotificationDigestRepository extends DigestStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ dueAt: 1 })])];

  private readonly collection: Collection<DigestDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<DigestDocument>(COLLECTION);
  }

  async join(entry: DigestEntry, now: number): Promise<{ readonly digestId: string; readonly at: number }> {
    const { recipient, channel, window, noticeKey } = entry;
    const stored: StoredEntry = { noticeKey, category: entry.category, items: JSON.stringify(entry.items) };
    for (let generation = 0; generation < GENERATIONS; generation += 1) {
      const _id = objectIdFromKey('notification-digest', recipient.personId, channel, window.kind, window.window, String(generation));
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        try {
          const at = new Date(window.at);
          const onInsert = { recipient, channel, kind: window.kind, window: window.window, generation, at, state: 'open' as const, dueAt: at, createdAt: new Date(now) };
          await this.collection.findOneAndUpdate({ _id, state: { $nin: ['flushing', 'flushed'] }, noticeKeys: { $ne: noticeKey } }, { $push: { entries: stored, noticeKeys: noticeKey }, $setOnInsert: onInsert }, { upsert: true });
          return { digestId: _id.toHexString(), at: window.at };
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
        const digest = await this.collection.findOne({ _id });
        if (digest?.noticeKeys.includes(noticeKey) === true) return { digestId: _id.toHexString(), at: digest.at.getTime() };
        if (digest !== null && digest.state !== 'open') break;
      }
    }
    throw notificationError(NotificationErrorCode.Conflict, `digest ${window.kind} ${window.window} of ${recipient.personId}: no open generation took notice ${noticeKey}`);
  }

  async claimDue(now: number, leaseMs: number): Promise<ClaimedDigest | null> {
    const digest = await this.collection.findOneAndUpdate(
      { dueAt: { $lte: new Date(now) } },
      { $set: { state: 'flushing', dueAt: new Date(now + leaseMs), claimedAt: new Date(now) } },
      { sort: { dueAt: 1 }, returnDocument: 'after' },
    );
    if (digest === null) return null;
    return {
      digestId: digest._id.toHexString(),
      recipient: digest.recipient,
      channel: digest.channel,
      kind: digest.kind,
      at: digest.at.getTime(),
      entries: digest.entries.map((e) => ({ noticeKey: e.noticeKey, items: JSON.parse(e.items) as NoticeItem[] })),
    };
  }

  async markFlushed(digestId: string, now: number): Promise<void> {
    await this.collection.updateOne({ _id: new Types.ObjectId(digestId), state: 'flushing' }, { $set: { state: 'flushed', flushedAt: new Date(now) }, $unset: { dueAt: '' } });
  }
}

