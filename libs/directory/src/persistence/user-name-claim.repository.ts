import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import type { UserNameClaim, UserNameClaimStore } from '../application/ports/directory-stores.port';

interface ClaimDocument {
  _id: Types.ObjectId;
  key: string;
  personId: string;
  claimedAt: Date;
}

const COLLECTION = 'directory_user_names';

/**
 * userName claims: one document per lower-cased userName whose `_id` derives from it, so two
 * writers cannot both hold a name (INFRA.md: the test MongoDB ignores secondary unique indexes).
 */
export class UserNameClaimRepository implements UserNameClaimStore {
  /** Claims are read and written by `_id` (derived from the key) only. */
  static readonly indexes = [collectionIndexes(COLLECTION, [])];

  private readonly collection: Collection<ClaimDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ClaimDocument>(COLLECTION);
  }

  async claim(key: string, personId: string, at: Date): Promise<UserNameClaim | undefined> {
    const _id = objectIdFromKey('directory-user-name', key);
    try {
      await this.collection.insertOne({ _id, key, personId, claimedAt: at });
      return undefined;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const holder = await this.collection.findOne({ _id });
    // Released between the insert and this read: try once more.
    if (holder === null) return this.claim(key, personId, at);
    return { personId: holder.personId, claimedAt: holder.claimedAt };
  }

  async takeOver(key: string, stale: UserNameClaim, personId: string, at: Date): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: objectIdFromKey('directory-user-name', key), personId: stale.personId, claimedAt: stale.claimedAt }, { $set: { personId, claimedAt: at } });
    return result.matchedCount === 1;
  }

  /** The person holding `key` (a lower-cased userName), if any: one read by `_id`. */
  async holderOf(key: string): Promise<string | undefined> {
    const holder = await this.collection.findOne({ _id: objectIdFromKey('directory-user-name', key) }, { projection: { personId: 1 } });
    return holder?.personId;
  }

  async release(key: string, personId: string): Promise<void> {
    await this.collection.deleteOne({ _id: objectIdFromKey('directory-user-name', key), personId });
  }
}
