import { objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import type { CollectionSource } from './projection-generation';
import type { SequencedFact } from '../application/sequenced-facts';
import { writeVersioned } from './versioned-writes';
import type { VersionedDocument } from './versioned-writes';

/** One fact as stored: the fact, its sequence as the version a write must find (`v`), and the fields queries select on. */
interface FactDocument<F> extends VersionedDocument {
  fact: F;
}

/**
 * A collection of facts keyed by subject (`_id` derived from it and the collection's namespace):
 * a new fact inserted (a duplicate `_id`: created meanwhile), a changed one set only at the
 * sequence read (writeVersioned: one bulk write per batch). `select` adds the fields the
 * repository's queries use (each with a declared index).
 */
export class FactCollection<F extends SequencedFact> {
  readonly collection: Collection<FactDocument<F>>;

  constructor(
    connection: CollectionSource,
    name: string,
    private readonly namespace: string,
    private readonly select: (fact: F) => Record<string, unknown>,
  ) {
    this.collection = connection.collection<FactDocument<F>>(name);
  }

  private id(key: string): Types.ObjectId {
    return objectIdFromKey(this.namespace, key);
  }

  async load(keys: readonly string[]): Promise<ReadonlyMap<string, F>> {
    if (keys.length === 0) return new Map();
    const documents = await this.collection.find({ _id: { $in: keys.map((key) => this.id(key)) } }, { projection: { fact: 1 } }).toArray();
    return new Map(documents.map((d) => [d.fact.key, d.fact]));
  }

  /** Writes the facts in one batch, each only over the sequence read (`previous`; null: a new fact); answers the keys that did not land. */
  async write(writes: readonly { readonly fact: F; readonly previous: number | null }[]): Promise<ReadonlySet<string>> {
    const document = (fact: F, w: string) => ({ fact, v: fact.sequence, w, ...this.select(fact) });
    const failed = await writeVersioned(
      this.collection,
      writes.map(({ fact, previous }) => ({
        _id: this.id(fact.key),
        version: previous ?? 0,
        insert: (w: string) => ({ _id: this.id(fact.key), ...document(fact, w) }) as FactDocument<F>,
        update: (w: string) => ({ $set: document(fact, w) }),
      })),
    );
    return new Set([...failed].map((i) => (writes[i] as { readonly fact: F }).fact.key));
  }

  /** The facts with a day in [fromDay, toDay] (through the `days` index: one `$in` of the days, each fact once). */
  async inDays(fromDay: number, toDay: number): Promise<F[]> {
    const days = Array.from({ length: Math.max(0, toDay - fromDay + 1) }, (_, i) => fromDay + i);
    return (await this.collection.find({ days: { $in: days } }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }
}
