import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import type { CollectionSource } from './projection-generation';
import { SlaClockStore } from '../application/sla-projection.ports';
import type { ClockWrite, PendingClock, StoredClock } from '../application/sla-projection.ports';
import { complianceDayOf, isWatchedClock } from '../domain';
import type { SlaClockFact } from '../domain';
import { writeVersioned } from './versioned-writes';

const COLLECTION = 'reporting_sla_clocks';

/** One clock's fact as stored, with what the queries select on. */
interface ClockDocument {
  _id: Types.ObjectId;
  fact: SlaClockFact;
  /** The UTC day of its latest stop, or null (not stopped). */
  day: number | null;
  segmentOrgId: string | null;
  /** A running clock's breach instant (null otherwise): those due by now are breached. */
  dueBy: number | null;
  /** Breached or at risk whatever the time (isWatchedClock). */
  watch: boolean;
  /** Days written but not yet marked dirty on the compliance days. */
  dirtyDays: number[];
  pending: boolean;
  pendingSince?: number;
  v: number;
  w: string;
}

const clockId = (key: string): Types.ObjectId => objectIdFromKey('reporting-sla-clock', key);

/**
 * `reporting_sla_clocks`: one document per clock (`_id` from ticket type, ticket id and clock id),
 * written in batches like the incident facts: inserted new (a duplicate key: created meanwhile) or
 * updated at the version read, each write stamping the batch's token.
 */
export class SlaClockRepository extends SlaClockStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      // A day's stopped clocks (compliance days); those pending (the roll); the running ones due by now and the watched ones, per segment organisation (status).
      index({ day: 1 }),
      index({ pending: 1, pendingSince: 1 }, { pending: true }),
      index({ dueBy: 1 }),
      index({ segmentOrgId: 1, dueBy: 1 }),
      index({ watch: 1, segmentOrgId: 1 }),
    ]),
  ];

  private readonly collection: Collection<ClockDocument>;

  constructor(connection: CollectionSource) {
    super();
    this.collection = connection.collection<ClockDocument>(COLLECTION);
  }

  async load(keys: readonly string[]): Promise<ReadonlyMap<string, StoredClock>> {
    if (keys.length === 0) return new Map();
    const documents = await this.collection.find({ _id: { $in: keys.map(clockId) } }, { projection: { fact: 1, v: 1, dirtyDays: 1 } }).toArray();
    return new Map(documents.map((d) => [d.fact.key, { fact: d.fact, version: d.v, dirtyDays: d.dirtyDays ?? [] }]));
  }

  async write(writes: readonly ClockWrite[]): Promise<ReadonlySet<string>> {
    const now = Date.now();
    const fields = (w: ClockWrite, token: string) => ({ fact: w.fact, day: complianceDayOf(w.fact), segmentOrgId: w.fact.segmentOrgId, dueBy: w.fact.state === 'running' ? w.fact.dueAt : null, watch: isWatchedClock(w.fact), v: w.version + 1, w: token });
    const pending = (w: ClockWrite) => w.dirtyDays.length > 0;
    const conflicts = await writeVersioned(
      this.collection,
      writes.map((w) => ({
        _id: clockId(w.fact.key),
        version: w.version,
        insert: (token) => ({ _id: clockId(w.fact.key), ...fields(w, token), dirtyDays: [...w.dirtyDays], pending: pending(w), ...(pending(w) ? { pendingSince: now } : {}) }),
        update: (token) => (pending(w) ? { $set: { ...fields(w, token), pending: true }, $addToSet: { dirtyDays: { $each: [...w.dirtyDays] } }, $min: { pendingSince: now } } : { $set: fields(w, token) }),
      })),
    );
    return new Set([...conflicts].map((i) => (writes[i] as ClockWrite).fact.key));
  }

  async pending(limit: number): Promise<readonly PendingClock[]> {
    const documents = await this.collection.find({ pending: true }, { projection: { 'fact.key': 1, v: 1, dirtyDays: 1 } }).sort({ pendingSince: 1 }).limit(limit).toArray();
    return documents.map((d) => ({ key: d.fact.key, version: d.v, dirtyDays: d.dirtyDays }));
  }

  async settle(clocks: readonly PendingClock[]): Promise<void> {
    if (clocks.length === 0) return;
    await this.collection.bulkWrite(
      clocks.map((c) => ({ updateOne: { filter: { _id: clockId(c.key), v: c.version }, update: { $set: { pending: false, dirtyDays: [] }, $unset: { pendingSince: '' } } } })),
      { ordered: false },
    );
  }

  async stoppedOn(day: number): Promise<readonly SlaClockFact[]> {
    return (await this.collection.find({ day }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }

  async standing(segmentOrgId: string | null, now: number): Promise<readonly SlaClockFact[]> {
    const org = segmentOrgId === null ? {} : { segmentOrgId: segmentOrgId === '' ? null : segmentOrgId };
    const [due, watched] = await Promise.all([
      this.collection.find({ dueBy: { $lte: now }, ...org }, { projection: { fact: 1 } }).toArray(),
      this.collection.find({ watch: true, ...org }, { projection: { fact: 1 } }).toArray(),
    ]);
    return [...new Map([...due, ...watched].map((d) => [d.fact.key, d.fact])).values()];
  }

}
