import type { EventEnvelope } from '@itsm/contracts';
import { collectionIndexes, objectIdFromKey, schemaIndexes } from '@itsm/platform/persistence';
import type { TimerClaim, TimerClaimStore } from '@itsm/platform/scheduling';
import { claimKey } from '@itsm/platform/scheduling';
import { Schema } from 'mongoose';
import type { Connection, Types } from 'mongoose';

/**
 * A claimed emission: inserting it (its `_id` derives from the ticket and the emission key) is what
 * makes a warning or breach happen once, whichever replica or restart tries; it holds the envelope
 * so a claim whose publish was interrupted is published again, identical, on recovery. Its timer
 * key is the ticket key.
 */
export type Firing = TimerClaim;

interface FiringDocument {
  _id: Types.ObjectId;
  ticketKey: string;
  key: string;
  partition: number;
  claimedAt: Date;
  envelope: EventEnvelope;
}

interface CheckpointDocument {
  _id: Types.ObjectId;
  partition: number;
  /** Every firing of the partition claimed at or before this instant has been published. */
  publishedThrough: Date;
  /** Bumped by every replica that loads the partition's timers. */
  epoch?: number;
}

/**
 * `sla_firings`, written and read through the driver; the schema declares the indexes: by ticket
 * (the first event after a takeover, pruning a ticket's claims up to an instant) and by partition
 * and claim time (re-arm, recovery after the checkpoint).
 */
export const slaFiringSchema = new Schema(
  { ticketKey: String, key: String, partition: Number, claimedAt: Date },
  { collection: 'sla_firings', strict: false, versionKey: false },
);
slaFiringSchema.index({ ticketKey: 1, claimedAt: 1 });
slaFiringSchema.index({ partition: 1, claimedAt: 1 });

/** The SLA timer wheel's claims and publish checkpoints. */
export class SlaFiringRepository implements TimerClaimStore {
  /** What its queries need (the schema's indexes), and the checkpoints, read by `_id` only. */
  static readonly indexes = [schemaIndexes(slaFiringSchema), collectionIndexes('sla_publish_checkpoints', [])];

  constructor(private readonly connection: Connection) {}

  private get firings() {
    return this.connection.collection<FiringDocument>('sla_firings');
  }

  private get checkpoints() {
    return this.connection.collection<CheckpointDocument>('sla_publish_checkpoints');
  }

  /** Inserts each claim once; answers the claimKey()s (ticket key + emission key) that this call claimed. */
  async claim(firings: readonly Firing[]): Promise<Set<string>> {
    const claimed = new Set<string>();
    if (firings.length === 0) return claimed;
    const docs: FiringDocument[] = firings.map((f) => ({ _id: firingId(f.timerKey, f.key), ticketKey: f.timerKey, key: f.key, partition: f.partition, claimedAt: f.claimedAt, envelope: f.envelope }));
    const failed = new Set<number>();
    try {
      await this.firings.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] }).writeErrors;
      if (writeErrors === undefined) throw error;
      for (const e of Array.isArray(writeErrors) ? writeErrors : [writeErrors]) {
        if ((e.code ?? e.err?.code) !== 11000) throw error;
        failed.add(e.index);
      }
    }
    docs.forEach((d, i) => {
      if (!failed.has(i)) claimed.add(claimKey(d.ticketKey, d.key));
    });
    return claimed;
  }

  /** Every claimed key per ticket of the partitions (what each owes no more), with the count for sequences. */
  async claimedKeys(partitions: readonly number[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const partition = partitions.length === 1 ? (partitions[0] as number) : { $in: [...partitions] };
    const cursor = this.firings.find({ partition }, { projection: { ticketKey: 1, key: 1 } });
    for await (const d of cursor) {
      let keys = out.get(d.ticketKey);
      if (keys === undefined) out.set(d.ticketKey, (keys = new Set()));
      keys.add(d.key);
    }
    return out;
  }

  async claimedKeysOf(ticketKey: string): Promise<Set<string>> {
    const docs = await this.firings.find({ ticketKey }, { projection: { key: 1 } }).toArray();
    return new Set(docs.map((d) => d.key));
  }

  /** Claims of the partition made after `since`, oldest first: possibly unpublished. */
  async claimedSince(partition: number, since: Date): Promise<Firing[]> {
    const docs = await this.firings.find({ partition, claimedAt: { $gt: since } }).sort({ claimedAt: 1 }).toArray();
    return docs.map((d) => ({ timerKey: d.ticketKey, key: d.key, partition: d.partition, claimedAt: d.claimedAt, envelope: d.envelope }));
  }

  async publishedThrough(partition: number): Promise<Date> {
    const d = await this.checkpoints.findOne({ _id: checkpointId(partition) });
    return d?.publishedThrough ?? new Date(0);
  }

  async takeOver(partition: number): Promise<number> {
    const d = await this.checkpoints.findOneAndUpdate({ _id: checkpointId(partition) }, { $set: { partition }, $inc: { epoch: 1 } }, { upsert: true, returnDocument: 'after' });
    return d?.epoch ?? 0;
  }

  async ownershipEpoch(partition: number): Promise<number> {
    const d = await this.checkpoints.findOne({ _id: checkpointId(partition) });
    return d?.epoch ?? 0;
  }

  /** Of these tickets, those with a claim made after `through` (still inside the checkpoint window). */
  async claimedAfter(ticketKeys: readonly string[], through: Date): Promise<Set<string>> {
    if (ticketKeys.length === 0) return new Set();
    const docs = await this.firings.find({ ticketKey: { $in: [...ticketKeys] }, claimedAt: { $gt: through } }, { projection: { ticketKey: 1 } }).toArray();
    return new Set(docs.map((d) => d.ticketKey));
  }

  /** Deletes every claim of the tickets (settled: they owe nothing more); answers how many. */
  async pruneTickets(ticketKeys: readonly string[]): Promise<number> {
    if (ticketKeys.length === 0) return 0;
    const result = await this.firings.deleteMany({ ticketKey: { $in: [...ticketKeys] } });
    return result.deletedCount;
  }

  async setPublishedThrough(partition: number, at: Date): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: checkpointId(partition) },
      { $set: { partition }, $max: { publishedThrough: at } },
      { upsert: true },
    );
  }
}

function checkpointId(partition: number): Types.ObjectId {
  return objectIdFromKey('sla-checkpoint', String(partition));
}

function firingId(ticketKey: string, key: string): Types.ObjectId {
  return objectIdFromKey('sla-firing', ticketKey, key);
}
