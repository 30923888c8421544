import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import type { CollectionSource } from './projection-generation';
import { IncidentFactStore } from '../application/incident-projection.ports';
import type { DirtyFact, FactWrite, StoredFact } from '../application/incident-projection.ports';
import { currentAssignment, isOpenIncident } from '../domain';
import type { IncidentFact } from '../domain';
import { writeVersioned } from './versioned-writes';

const COLLECTION = 'reporting_incident_facts';

/** One incident's fact as stored: the fact, what the queries select on, its dirty mark and version. */
interface FactDocument {
  _id: Types.ObjectId;
  fact: IncidentFact;
  /** The UTC days of its contributions (a day's rollups are made from the facts listing it). */
  days: number[];
  open: boolean;
  supplierOrgId: string | null;
  dirty: boolean;
  dirtyDays: number[];
  /** When it was first marked dirty since its last rollup (oldest first: none waits behind a replay for ever). */
  dirtySince?: number;
  v: number;
  /** The write that last set it (a batch's token: tells a batch which of its updates landed). */
  w: string;
}

/** Ids per read of `load`. */
const LOAD_CHUNK = 100;

const factId = (id: string): Types.ObjectId => objectIdFromKey('reporting-incident', id);

/**
 * `reporting_incident_facts`: one document per incident (`_id` from its id), written in batches:
 * new facts inserted (a duplicate key: created meanwhile), changed ones updated only at the version
 * read; each write stamps the batch's token, so the batch reads back which of its updates landed.
 * The dirty mark and its days go in the same single-document write as the fact.
 */
export class IncidentFactRepository extends IncidentFactStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [
      // A day's facts (rollups); the dirty ones (the rollup worker); the backlog, per holding organisation.
      index({ days: 1 }),
      index({ dirty: 1, dirtySince: 1 }, { dirty: true }),
      index({ open: 1, supplierOrgId: 1 }),
    ]),
  ];

  private readonly collection: Collection<FactDocument>;

  constructor(connection: CollectionSource) {
    super();
    this.collection = connection.collection<FactDocument>(COLLECTION);
  }

  async load(ids: readonly string[]): Promise<ReadonlyMap<string, StoredFact>> {
    // A few reads of LOAD_CHUNK ids at once: the test peer tests each document it finds against the whole `$in` list (2,000 ids: a second a batch at 100,000 facts).
    const chunks = Array.from({ length: Math.ceil(ids.length / LOAD_CHUNK) }, (_, i) => ids.slice(i * LOAD_CHUNK, (i + 1) * LOAD_CHUNK));
    const found = await Promise.all(chunks.map((chunk) => this.collection.find({ _id: { $in: chunk.map(factId) } }, { projection: { fact: 1, v: 1 } }).toArray()));
    return new Map(found.flat().map((d) => [d.fact.id, { fact: d.fact, version: d.v }]));
  }

  async write(writes: readonly FactWrite[]): Promise<ReadonlySet<string>> {
    const now = Date.now();
    const fields = (w: FactWrite, token: string) => ({ fact: w.fact, days: [...w.days], open: isOpenIncident(w.fact), supplierOrgId: currentAssignment(w.fact).orgId, v: w.version + 1, w: token });
    const conflicts = await writeVersioned(
      this.collection,
      writes.map((w) => ({
        _id: factId(w.fact.id),
        version: w.version,
        insert: (token) => ({ _id: factId(w.fact.id), ...fields(w, token), dirty: w.dirtyDays.length > 0, dirtyDays: [...w.dirtyDays], ...(w.dirtyDays.length > 0 ? { dirtySince: now } : {}) }),
        update: (token) => (w.dirtyDays.length > 0 ? { $set: { ...fields(w, token), dirty: true }, $addToSet: { dirtyDays: { $each: [...w.dirtyDays] } }, $min: { dirtySince: now } } : { $set: fields(w, token) }),
      })),
    );
    return new Set([...conflicts].map((i) => (writes[i] as FactWrite).fact.id));
  }

  async dirty(limit: number): Promise<readonly DirtyFact[]> {
    const documents = await this.collection.find({ dirty: true }, { projection: { 'fact.id': 1, v: 1, dirtyDays: 1 } }).sort({ dirtySince: 1 }).limit(limit).toArray();
    return documents.map((d) => ({ id: d.fact.id, version: d.v, dirtyDays: d.dirtyDays }));
  }

  async ofDay(day: number): Promise<readonly IncidentFact[]> {
    return (await this.collection.find({ days: day }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }

  async clean(facts: readonly DirtyFact[]): Promise<void> {
    if (facts.length === 0) return;
    await this.collection.bulkWrite(
      facts.map((f) => ({ updateOne: { filter: { _id: factId(f.id), v: f.version }, update: { $set: { dirty: false, dirtyDays: [] }, $unset: { dirtySince: '' } } } })),
      { ordered: false },
    );
  }

  async open(supplierOrgId: string | null): Promise<readonly IncidentFact[]> {
    return (await this.collection.find({ open: true, ...(supplierOrgId === null ? {} : { supplierOrgId }) }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }
}
