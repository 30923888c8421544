import { unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { AnyBulkWriteOperation, Document, OptionalId, UpdateFilter } from 'mongodb';
import type { Collection, Types } from 'mongoose';
import { randomUUID } from 'node:crypto';

/** A document written at a version, stamped with the token of the batch that last wrote it. */
export interface VersionedDocument extends Document {
  _id: Types.ObjectId;
  v: number;
  w: string;
}

/** One write of a batch: a new document (`version` 0) or an update of the one at `version`. */
export interface VersionedWrite<D extends VersionedDocument> {
  readonly _id: Types.ObjectId;
  readonly version: number;
  /** The new document, stamped with `w`. */
  readonly insert: (w: string) => OptionalId<D>;
  /** The update of the existing one, setting `v` to version + 1 and `w`. */
  readonly update: (w: string) => UpdateFilter<D>;
}

/**
 * Writes a batch in one unordered bulk write, each document only at the version read (optimistic: one
 * writer per document at a time): new ones inserted (a duplicate key: created meanwhile), changed ones
 * updated at their version; each write stamps the batch's token, so the batch reads back which of its
 * updates landed when not all matched. Answers the indexes of the writes that did not land.
 */
export async function writeVersioned<D extends VersionedDocument>(collection: Collection<D>, writes: readonly VersionedWrite<D>[]): Promise<ReadonlySet<number>> {
  if (writes.length === 0) return new Set();
  const token = randomUUID();
  const operations = writes.map((w): AnyBulkWriteOperation<D> => (w.version === 0 ? { insertOne: { document: w.insert(token) } } : { updateOne: { filter: { _id: w._id, v: w.version } as never, update: w.update(token) } }));
  let matched: number | undefined;
  const conflicts = new Set(await unorderedWriteDuplicates(async (options) => void (matched = (await collection.bulkWrite(operations, options)).matchedCount)));
  const updated = writes.map((w, i) => [w, i] as const).filter(([w, i]) => w.version > 0 && !conflicts.has(i));
  // Every update matched its version: all landed, nothing to read back.
  if (updated.length > 0 && matched !== updated.length) {
    const landed = await collection.find({ _id: { $in: updated.map(([w]) => w._id) }, w: token } as never, { projection: { _id: 1 } }).toArray();
    const ok = new Set(landed.map((d) => (d._id as Types.ObjectId).toHexString()));
    for (const [w, i] of updated) if (!ok.has(w._id.toHexString())) conflicts.add(i);
  }
  return conflicts;
}
