import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import type { CollectionSource } from './projection-generation';
import { SlaDayStore } from '../application/sla-projection.ports';
import type { SlaDay, SlaDayCell } from '../domain';

const COLLECTION = 'reporting_sla_days';

interface DayDocument {
  _id: Types.ObjectId;
  day: number;
  /** Incremented by every change marking the day (the database orders them, not clocks). */
  gen: number;
  dirty: boolean;
  dirtySince?: number;
  /** The cells with their slots (read for a day a period starts or ends inside). */
  cells: SlaDayCell[];
  /** The same cells without their slots (read for a day inside one period: a small read, with no nested projection). */
  totals: SlaDayCell[];
}

const dayId = (day: number): Types.ObjectId => objectIdFromKey('reporting-sla-day', String(day));

/**
 * `reporting_sla_days`: one document per UTC day with its stopped clocks' cells (one per
 * definition, kind, ticket type, organisation and target: a day total and quarter-hour slots). A
 * month's report reads ~31 small documents (slots only for the days a period starts or ends
 * inside), whatever the number of clocks: a day holds at most its combinations' cells.
 */
export class SlaDayRepository extends SlaDayStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      // A report's range of days; the dirty ones, longest waiting first.
      index({ day: 1 }),
      index({ dirty: 1, dirtySince: 1 }, { dirty: true }),
    ]),
  ];

  private readonly collection: Collection<DayDocument>;

  constructor(connection: CollectionSource) {
    super();
    this.collection = connection.collection<DayDocument>(COLLECTION);
  }

  async markDirty(days: readonly number[]): Promise<void> {
    if (days.length === 0) return;
    const now = Date.now();
    await this.collection.bulkWrite(
      days.map((day) => ({ updateOne: { filter: { _id: dayId(day) }, update: { $inc: { gen: 1 }, $set: { day, dirty: true }, $min: { dirtySince: now }, $setOnInsert: { cells: [], totals: [] } }, upsert: true } })),
      { ordered: false },
    );
  }

  async dirty(limit: number): Promise<readonly { day: number; generation: number }[]> {
    const documents = await this.collection.find({ dirty: true }, { projection: { day: 1, gen: 1 } }).sort({ dirtySince: 1 }).limit(limit).toArray();
    return documents.map((d) => ({ day: d.day, generation: d.gen }));
  }

  async replace(day: number, generation: number, cells: readonly SlaDayCell[]): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: dayId(day), gen: generation }, { $set: { cells: [...cells], totals: cells.map(({ slots: _slots, ...total }) => total), dirty: false }, $unset: { dirtySince: '' } });
    return result.matchedCount === 1;
  }

  async find(fromDay: number, toDay: number, withSlots: ReadonlySet<number>): Promise<readonly SlaDay[]> {
    const partial = [...withSlots].filter((day) => day >= fromDay && day <= toDay);
    const [totals, slotted] = await Promise.all([
      this.collection.find({ day: { $gte: fromDay, $lte: toDay } }, { projection: { _id: 0, day: 1, totals: 1 } }).toArray(),
      partial.length === 0 ? Promise.resolve([]) : this.collection.find({ day: { $in: partial } }, { projection: { _id: 0, day: 1, cells: 1 } }).toArray(),
    ]);
    const full = new Map(slotted.map((d) => [d.day, d]));
    return totals.map((d) => ({ day: d.day, cells: full.get(d.day)?.cells ?? d.totals })).filter((d) => d.cells.length > 0);
  }
}
