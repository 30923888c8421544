import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import type { ClaimOutcome, IdentityClaimStore } from './cmdb-stores.port';
import { inBatches } from './in-batches';

interface ClaimDocument {
  _id: Types.ObjectId;
  key: string;
  ciId: string;
  claimedAt: Date;
}

/**
 * Identification keys claimed by CIs: one document per key with an `_id` derived from the key, so
 * two replicas or feeds creating the same CI at once cannot both win: `_id` uniqueness is the one
 * uniqueness every MongoDB peer enforces (INFRA.md: secondary unique indexes are not).
 */
export class IdentityClaimRepository implements IdentityClaimStore {
  /** Claims are found by `_id` (derived from the key); the identity cache reads them all. */
  static readonly indexes = [collectionIndexes('cmdb_identities', [], [{ shape: 'find {}', reason: 'forEach: the identity cache loads every claim at start' }])];

  private readonly collection: Collection<ClaimDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ClaimDocument>('cmdb_identities');
  }

  async claim(key: string, ciId: string, at: Date): Promise<ClaimOutcome> {
    try {
      await this.collection.insertOne({ _id: objectIdFromKey('cmdb-identity', key), key, ciId, claimedAt: at });
      return { claimed: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return { claimed: false, ownerId: (await this.find(key))?.ciId };
    }
  }

  async find(key: string): Promise<{ ciId: string; claimedAt: Date } | undefined> {
    const document = await this.collection.findOne({ _id: objectIdFromKey('cmdb-identity', key) });
    return document === null ? undefined : { ciId: document.ciId, claimedAt: document.claimedAt };
  }

  /** Gives a key back, only if this CI still holds it. */
  async release(key: string, ciId: string): Promise<void> {
    await this.collection.deleteOne({ _id: objectIdFromKey('cmdb-identity', key), ciId });
  }

  /** Every claim, in batches (the identity cache at start). */
  async forEach(batch: (items: { key: string; ciId: string }[]) => void, batchSize = 10_000): Promise<number> {
    return inBatches(this.collection.find({}, { projection: { key: 1, ciId: 1 }, batchSize }), batchSize, (document) => ({ key: document.key, ciId: document.ciId }), batch);
  }
}
