import type { EventEnvelope } from '@itsm/contracts';
import { collectionIndexes, index, unorderedWriteDuplicates, objectIdFromKey } from '@itsm/platform/persistence';
import type { CollectionIndexes } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { TimerClaim, TimerClaimStore } from './timer-claims';
import { claimKey } from './timer-claims';

/** Where one timer wheel keeps its claims and checkpoints (each wheel its own collections). */
export interface TimerClaimCollections {
  /** The claims: one document per (timer key, item key), e.g. `sla_firings`. */
  readonly claims: string;
  /** The per-partition publish checkpoints and ownership epochs, read by `_id` only. */
  readonly checkpoints: string;
  /** Prefix of the deterministic ids: `<idPrefix>-firing` (claims), `<idPrefix>-checkpoint`. */
  readonly idPrefix: string;
  /** The stored field holding the timer key (SLA's claims call it `ticketKey`); `timerKey` by default. */
  readonly timerKeyField?: string;
}

interface ClaimDocument {
  _id: Types.ObjectId;
  key: string;
  partition: number;
  claimedAt: Date;
  envelope: EventEnvelope;
  [timerKeyField: string]: unknown;
}

interface CheckpointDocument {
  _id: Types.ObjectId;
  partition: number;
  /** Every claim of the partition made at or before this instant has been published. */
  publishedThrough?: Date;
  /** Bumped by every replica that loads the partition's timers. */
  epoch?: number;
}

/**
 * What the queries of a MongoTimerClaimStore need: claims by timer key and claim time (a timer
 * key's claims, those after an instant, pruning) and by partition and claim time (re-arm, recovery
 * after the checkpoint); checkpoints are read by `_id` only.
 */
export function timerClaimIndexes(collections: TimerClaimCollections): CollectionIndexes[] {
  const field = collections.timerKeyField ?? 'timerKey';
  return [
    collectionIndexes(collections.claims, [index({ [field]: 1, claimedAt: 1 }), index({ partition: 1, claimedAt: 1 })]),
    collectionIndexes(collections.checkpoints, []),
  ];
}

/**
 * A timer wheel's claims and publish checkpoints in MongoDB. A claim is inserted once: its `_id`
 * derives from the timer key and item key, so a duplicate key means another replica or an earlier
 * run claimed it. Checkpoints only move forward (`$max`); each takeover bumps the epoch (`$inc`).
 */
export class MongoTimerClaimStore implements TimerClaimStore {
  private readonly field: string;

  constructor(
    private readonly connection: Connection,
    private readonly collections: TimerClaimCollections,
  ) {
    this.field = collections.timerKeyField ?? 'timerKey';
  }

  private get claims() {
    return this.connection.collection<ClaimDocument>(this.collections.claims);
  }

  private get checkpoints() {
    return this.connection.collection<CheckpointDocument>(this.collections.checkpoints);
  }

  /** Inserts each claim once; answers the claimKey()s that this call claimed. */
  async claim(claims: readonly TimerClaim[]): Promise<Set<string>> {
    const claimed = new Set<string>();
    if (claims.length === 0) return claimed;
    const docs = claims.map((c): ClaimDocument => ({ _id: this.claimId(c.timerKey, c.key), [this.field]: c.timerKey, key: c.key, partition: c.partition, claimedAt: c.claimedAt, envelope: c.envelope }));
    const taken = await unorderedWriteDuplicates((options) => this.claims.insertMany(docs, options));
    claims.forEach((c, i) => {
      if (!taken.has(i)) claimed.add(claimKey(c.timerKey, c.key));
    });
    return claimed;
  }

  /** Every claimed item key per timer key of the partitions (what each owes no more). */
  async claimedKeys(partitions: readonly number[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const partition = partitions.length === 1 ? (partitions[0] as number) : { $in: [...partitions] };
    for await (const d of this.claims.find({ partition }, { projection: { [this.field]: 1, key: 1 } })) {
      const timerKey = d[this.field] as string;
      let keys = out.get(timerKey);
      if (keys === undefined) out.set(timerKey, (keys = new Set()));
      keys.add(d.key);
    }
    return out;
  }

  async claimedKeysOf(timerKey: string): Promise<Set<string>> {
    const docs = await this.claims.find({ [this.field]: timerKey }, { projection: { key: 1 } }).toArray();
    return new Set(docs.map((d) => d.key));
  }

  /** Claims of the partition made after `since`, oldest first: possibly unpublished. */
  async claimedSince(partition: number, since: Date): Promise<TimerClaim[]> {
    const docs = await this.claims.find({ partition, claimedAt: { $gt: since } }).sort({ claimedAt: 1 }).toArray();
    return docs.map((d) => ({ timerKey: d[this.field] as string, key: d.key, partition: d.partition, claimedAt: d.claimedAt, envelope: d.envelope }));
  }

  /** Of these timer keys, those with a claim made after `through` (still inside the checkpoint window). */
  async claimedAfter(timerKeys: readonly string[], through: Date): Promise<Set<string>> {
    if (timerKeys.length === 0) return new Set();
    const docs = await this.claims.find({ [this.field]: { $in: [...timerKeys] }, claimedAt: { $gt: through } }, { projection: { [this.field]: 1 } }).toArray();
    return new Set(docs.map((d) => d[this.field] as string));
  }

  /** Deletes every claim of the timer keys (settled: they owe nothing more); answers how many. */
  async prune(timerKeys: readonly string[]): Promise<number> {
    if (timerKeys.length === 0) return 0;
    const result = await this.claims.deleteMany({ [this.field]: { $in: [...timerKeys] } });
    return result.deletedCount;
  }

  async publishedThrough(partition: number): Promise<Date> {
    const d = await this.checkpoints.findOne({ _id: this.checkpointId(partition) });
    return d?.publishedThrough ?? new Date(0);
  }

  async setPublishedThrough(partition: number, at: Date): Promise<void> {
    await this.checkpoints.updateOne({ _id: this.checkpointId(partition) }, { $set: { partition }, $max: { publishedThrough: at } }, { upsert: true });
  }

  async takeOver(partition: number): Promise<number> {
    const d = await this.checkpoints.findOneAndUpdate({ _id: this.checkpointId(partition) }, { $set: { partition }, $inc: { epoch: 1 } }, { upsert: true, returnDocument: 'after' });
    return d?.epoch ?? 0;
  }

  async ownershipEpoch(partition: number): Promise<number> {
    const d = await this.checkpoints.findOne({ _id: this.checkpointId(partition) });
    return d?.epoch ?? 0;
  }

  private claimId(timerKey: string, key: string): Types.ObjectId {
    return objectIdFromKey(`${this.collections.idPrefix}-firing`, timerKey, key);
  }

  private checkpointId(partition: number): Types.ObjectId {
    return objectIdFromKey(`${this.collections.idPrefix}-checkpoint`, String(partition));
  }
}
