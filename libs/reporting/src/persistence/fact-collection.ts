import { isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Types } from 'mongoose';
import type { CollectionSource } from './projection-generation';
import type { SequencedFact } from '../application/sequenced-facts';

/** One fact as stored: the fact, its sequence (the version a write must find), and the fields queries select on. */
interface FactDocument<F> {
  _id: Types.ObjectId;
  fact: F;
  sequence: number;
  [field: string]: unknown;
}

/**
 * A collection of facts keyed by subject (`_id` derived from it and the collection's namespace):
 * a new fact inserted (a duplicate `_id`: created meanwhile), a changed one replaced only at the
 * sequence read; each write one single-document operation. `select` adds the fields the
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

  async write(writes: readonly { readonly fact: F; readonly previous: number | null }[]): Promise<ReadonlySet<string>> {
    const conflicts = new Set<string>();
    for (const { fact, previous } of writes) {
      const document = { fact, sequence: fact.sequence, ...this.select(fact) };
      if (previous === null) {
        try {
          await this.collection.insertOne({ _id: this.id(fact.key), ...document });
        } catch (error: unknown) {
          if (!isDuplicateKeyError(error)) throw error;
          conflicts.add(fact.key);
        }
      } else {
        const { matchedCount } = await this.collection.updateOne({ _id: this.id(fact.key), sequence: previous }, { $set: document });
        if (matchedCount === 0) conflicts.add(fact.key);
      }
    }
    return conflicts;
  }

  /** The facts with a day in [fromDay, toDay] (through the `days` index: one `$in` of the days, each fact once). */
  async inDays(fromDay: number, toDay: number): Promise<F[]> {
    const days = Array.from({ length: Math.max(0, toDay - fromDay + 1) }, (_, i) => fromDay + i);
    return (await this.collection.find({ days: { $in: days } }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }
}
