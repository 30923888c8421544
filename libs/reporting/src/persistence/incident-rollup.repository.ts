import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey, unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Collection, Types } from 'mongoose';
import { createHash } from 'node:crypto';
import type { CollectionSource } from './projection-generation';
import { IncidentRollupStore } from '../application/incident-projection.ports';
import type { DayRollup } from '../domain';

const COLLECTION = 'reporting_incident_rollups';
/** One document per day: the read its latest making started from. */
const DAYS = 'reporting_incident_rollup_days';

interface RollupDocument extends DayRollup {
  _id: Types.ObjectId;
  /** The making of its day that wrote it: only a later one replaces it. */
  gen: number;
  /** A digest of its amounts: a making leaves a document whose amounts it would not change alone. */
  h: string;
}

interface DayDocument {
  _id: Types.ObjectId;
  day: number;
  gen: number;
  /** Until when (epoch ms) the making that claimed it with a lease holds the day (0 or absent: free). */
  until?: number;
}

/** What a report reads of a rollup: its day, values and totals, the slots on a day a period boundary cuts. */
type ReadDocument = Pick<DayRollup, 'day' | 'a' | 'b' | 'totals'> & { slots?: DayRollup['slots'] };
const TOTALS_FIELDS = { _id: 0, day: 1, a: 1, b: 1, totals: 1 };
const SLOTTED_FIELDS = { ...TOTALS_FIELDS, slots: 1 };
/** A report's rollups in one reply (a real server still splits a reply at 16 MB): no getMore round trips. */
const ONE_REPLY = 100_000;

const dayId = (day: number): Types.ObjectId => objectIdFromKey('reporting-rollup-day', String(day));
const rollupId = (r: Pick<DayRollup, 'day' | 'family' | 'a' | 'b'>): Types.ObjectId => objectIdFromKey('reporting-rollup', String(r.day), r.family, r.a, r.b);
const digest = (r: DayRollup): string => createHash('sha1').update(JSON.stringify(r.slots)).digest('base64');

/**
 * `reporting_incident_rollups`: one document per (UTC day, family, values), `_id` from them. A day
 * is made whole by a making that claimed it first (`reporting_incident_rollup_days`: a generation
 * counter per day, incremented by the database, so makings are ordered without clocks): each
 * rollup upserted only over one of an earlier generation (conditional: one that finds a later
 * document hits its `_id` and is dropped), the day's others of earlier generations deleted. When a
 * later making claimed the day meanwhile, the caller keeps the day dirty: the next making removes
 * what this one left. A document whose amounts a making would not change (same digest) is not
 * written again: a day made while its incidents come in rewrites only the documents their
 * contributions moved. A report reading the day meanwhile may see part old, part new.
 */
export class IncidentRollupRepository extends IncidentRollupStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      // A report pinned to one value (a filter): family, values, days; grouped by the first value: family, second value, days. A day's rollups.
      index({ family: 1, a: 1, b: 1, day: 1 }),
      index({ family: 1, b: 1, day: 1 }),
      index({ day: 1 }),
    ]),
    // A day's making generation, by `_id` only.
    collectionIndexes(DAYS, []),
  ];

  private readonly collection: Collection<RollupDocument>;
  private readonly days: Collection<DayDocument>;

  constructor(connection: CollectionSource) {
    super();
    this.collection = connection.collection<RollupDocument>(COLLECTION);
    this.days = connection.collection<DayDocument>(DAYS);
  }

  async claimDay(day: number, leaseMs?: number): Promise<number | null> {
    const now = Date.now();
    const free = leaseMs === undefined ? {} : { $or: [{ until: { $exists: false } }, { until: { $lte: now } }] };
    const lease = leaseMs === undefined ? {} : { until: now + leaseMs };
    let claimed: DayDocument | null;
    try {
      claimed = await this.days.findOneAndUpdate({ _id: dayId(day), ...free }, { $inc: { gen: 1 }, $set: { day, ...lease } }, { upsert: true, returnDocument: 'after' });
    } catch (error) {
      // The day exists and its lease is held: the upsert's insert hit its `_id`.
      if (leaseMs !== undefined && isDuplicateKeyError(error)) return null;
      throw error;
    }
    if (claimed === null || typeof claimed.gen !== 'number') throw new Error(`reporting: the making of day ${day} could not be claimed`);
    return claimed.gen;
  }

  async replaceDay(day: number, rollups: readonly DayRollup[], generation: number): Promise<boolean> {
    // The day's documents as they stand (through the { day } index): their making and digest.
    const existing = new Map((await this.collection.find({ day }, { projection: { _id: 1, gen: 1, h: 1 } }).toArray()).map((d) => [d._id.toHexString(), d]));
    const keep = new Set<string>();
    const replacements: AnyBulkWriteOperation<RollupDocument>[] = [];
    for (const rollup of rollups) {
      const _id = rollupId(rollup);
      const h = digest(rollup);
      const key = _id.toHexString();
      keep.add(key);
      // Unchanged amounts are not written again (a making overtaken meanwhile leaves its facts dirty: the day is made again whole).
      if (existing.get(key)?.h === h) continue;
      replacements.push({ replaceOne: { filter: { _id, gen: { $lt: generation } }, replacement: { ...rollup, _id, gen: generation, h } as RollupDocument, upsert: true } });
    }
    if (replacements.length > 0) await unorderedWriteDuplicates((options) => this.collection.bulkWrite(replacements, options));
    // The day's others, deleted by `_id` (a `$nin` of the day's ids is tested id by id per document on the test peer).
    const stale = [...existing.values()].filter((d) => d.gen < generation && !keep.has(d._id.toHexString())).map((d) => d._id);
    if (stale.length > 0) await this.collection.deleteMany({ _id: { $in: stale }, gen: { $lt: generation } });
    // Still the latest making (no later claim): its lease, if any, released in the same write.
    return (await this.days.updateOne({ _id: dayId(day), gen: generation }, { $set: { until: 0 } })).matchedCount === 1;
  }

  async find(family: string, a: string | undefined, b: string | undefined, fromDay: number, toDay: number, slotDays: readonly number[]): Promise<readonly DayRollup[]> {
    const pinned = { family, ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }) };
    const cut = slotDays.filter((d) => d >= fromDay && d <= toDay);
    // Every day's totals (no slots: most of a document's bytes), then the slots of the days a period boundary cuts. Only the
    // fields a report sums are sent (an inclusion: the server copies those, not the document), all in the find's first reply.
    const read = (filter: object, withSlots: boolean): Promise<ReadDocument[]> =>
      this.collection.find<ReadDocument>(filter, { projection: withSlots ? SLOTTED_FIELDS : TOTALS_FIELDS, batchSize: ONE_REPLY }).toArray();
    const [totals, slotted] = await Promise.all([read({ ...pinned, day: { $gte: fromDay, $lte: toDay } }, false), cut.length === 0 ? [] : read({ ...pinned, day: { $in: cut } }, true)]);
    const cutDays = new Set(cut);
    const rollup = (r: ReadDocument, slots: DayRollup['slots']): DayRollup => ({ day: r.day, family, a: r.a, b: r.b, slots, totals: r.totals });
    return [...totals.filter((r) => !cutDays.has(r.day)).map((r) => rollup(r, {})), ...slotted.map((r) => rollup(r, r.slots ?? {}))];
  }
}
