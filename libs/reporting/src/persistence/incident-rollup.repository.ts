import { collectionIndexes, index, objectIdFromKey, unorderedWriteDuplicates } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { IncidentRollupStore } from '../application/incident-projection.ports';
import type { DayRollup } from '../domain';

const COLLECTION = 'reporting_incident_rollups';
/** One document per day: the read its latest making started from. */
const DAYS = 'reporting_incident_rollup_days';

interface RollupDocument extends DayRollup {
  _id: Types.ObjectId;
  /** When the facts it was made from were read: only a later read replaces it. */
  readAt: number;
}

interface DayDocument {
  _id: Types.ObjectId;
  day: number;
  readAt: number;
}

const dayId = (day: number): Types.ObjectId => objectIdFromKey('reporting-rollup-day', String(day));
const rollupId = (r: Pick<DayRollup, 'day' | 'family' | 'a' | 'b'>): Types.ObjectId => objectIdFromKey('reporting-rollup', String(r.day), r.family, r.a, r.b);

/**
 * `reporting_incident_rollups`: one document per (UTC day, family, values), `_id` from them. A day
 * is replaced whole: the making claims the day (`reporting_incident_rollup_days`, its read instant;
 * a day claimed from a later read is left alone), upserts each rollup only over one made from an
 * earlier read (conditional: one that finds a later document hits its `_id` and is dropped), deletes
 * the day's others from earlier reads, and, when a later making claimed the day meanwhile, deletes
 * what it wrote itself (the later making's own delete may have run before). A report reading the day
 * meanwhile may see part old, part new, the next the new.
 */
export class IncidentRollupRepository extends IncidentRollupStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      // A report pinned to one value (a filter): family, values, days; grouped by the first value: family, second value, days. A day's rollups.
      index({ family: 1, a: 1, b: 1, day: 1 }),
      index({ family: 1, b: 1, day: 1 }),
      index({ day: 1 }),
    ]),
  ];

  private readonly collection: Collection<RollupDocument>;
  private readonly days: Collection<DayDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<RollupDocument>(COLLECTION);
    this.days = connection.collection<DayDocument>(DAYS);
  }

  async replaceDay(day: number, rollups: readonly DayRollup[], readAt: number): Promise<void> {
    const _id = dayId(day);
    const claimed = await unorderedWriteDuplicates((options) => this.days.bulkWrite([{ updateOne: { filter: { _id, readAt: { $lte: readAt } }, update: { $set: { day, readAt } }, upsert: true } }], options));
    if (claimed.size > 0) return;
    const ids = rollups.map(rollupId);
    if (rollups.length > 0) {
      const replacements = rollups.map((r, i) => {
        const _id = ids[i] as Types.ObjectId;
        return { replaceOne: { filter: { _id, readAt: { $lte: readAt } }, replacement: { ...r, _id, readAt }, upsert: true } };
      });
      await unorderedWriteDuplicates((options) => this.collection.bulkWrite(replacements, options));
    }
    await this.collection.deleteMany({ day, _id: { $nin: ids }, readAt: { $lte: readAt } });
    const latest = await this.days.findOne({ _id }, { projection: { readAt: 1 } });
    if (latest !== null && latest.readAt > readAt) await this.collection.deleteMany({ day, readAt });
  }

  async find(family: string, a: string | undefined, b: string | undefined, fromDay: number, toDay: number): Promise<readonly DayRollup[]> {
    const filter = { family, ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }), day: { $gte: fromDay, $lte: toDay } };
    return this.collection.find(filter, { projection: { _id: 0, readAt: 0 } }).toArray();
  }
}
