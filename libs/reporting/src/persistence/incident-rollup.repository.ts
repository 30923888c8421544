import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { IncidentRollupStore } from '../application/incident-projection.ports';
import type { DayRollup } from '../domain';

const COLLECTION = 'reporting_incident_rollups';

interface RollupDocument extends DayRollup {
  _id: Types.ObjectId;
}

const rollupId = (r: Pick<DayRollup, 'day' | 'family' | 'a' | 'b'>): Types.ObjectId => objectIdFromKey('reporting-rollup', String(r.day), r.family, r.a, r.b);

/**
 * `reporting_incident_rollups`: one document per (UTC day, family, values), `_id` from them. A day
 * is replaced whole (each rollup upserted, the day's others deleted): a report reading the day
 * meanwhile may see part old, part new, and the next read the new.
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

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<RollupDocument>(COLLECTION);
  }

  async replaceDay(day: number, rollups: readonly DayRollup[]): Promise<void> {
    const ids = rollups.map(rollupId);
    if (rollups.length > 0) {
      await this.collection.bulkWrite(
        rollups.map((r, i) => ({ replaceOne: { filter: { _id: ids[i] as Types.ObjectId }, replacement: { ...r, _id: ids[i] as Types.ObjectId }, upsert: true } })),
        { ordered: false },
      );
    }
    await this.collection.deleteMany({ day, _id: { $nin: ids } });
  }

  async find(family: string, a: string | undefined, b: string | undefined, fromDay: number, toDay: number): Promise<readonly DayRollup[]> {
    const filter = { family, ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }), day: { $gte: fromDay, $lte: toDay } };
    return this.collection.find(filter, { projection: { _id: 0 } }).toArray();
  }
}
