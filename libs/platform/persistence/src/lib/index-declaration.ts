import type { Connection, Schema } from 'mongoose';
import type { SortDirection } from './query-shape';

/** One index: its keys in order, and (for a partial index) the filter a query must imply to use it. */
export interface IndexDeclaration {
  readonly keys: readonly (readonly [string, SortDirection])[];
  readonly partialFilterExpression?: Readonly<Record<string, unknown>>;
  /** A TTL index: MongoDB removes a document this many seconds after the (date) value of its one key. */
  readonly expireAfterSeconds?: number;
}

/**
 * A query that reads a whole collection by design, named by its shape key (`shapeKey()`, e.g.
 * `find {}`), with the reason no index should serve it. The index check accepts only these.
 */
export interface AllowedScan {
  readonly shape: string;
  readonly reason: string;
}

/** What one collection's repository declares: the indexes its queries need and its deliberate scans. */
export interface CollectionIndexes {
  readonly collection: string;
  readonly indexes: readonly IndexDeclaration[];
  readonly scans: readonly AllowedScan[];
}

export type IndexKeys = Readonly<Record<string, SortDirection>>;

/** An index over `keys` (in their order), optionally partial. */
export function index(keys: IndexKeys, partialFilterExpression?: Readonly<Record<string, unknown>>): IndexDeclaration {
  return { keys: Object.entries(keys), ...(partialFilterExpression === undefined ? {} : { partialFilterExpression }) };
}

/** A TTL index over one date field: documents go `seconds` after that date (kept records with a retention). */
export function ttlIndex(field: string, seconds: number): IndexDeclaration {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`ttlIndex(${field}): seconds must be a whole number >= 0`);
  return { keys: [[field, 1]], expireAfterSeconds: seconds };
}

/**
 * A repository's declaration for one collection: `_id` is always indexed and needs no line; a query
 * by `_id` alone needs nothing else.
 */
export function collectionIndexes(collection: string, indexes: readonly IndexDeclaration[], scans: readonly AllowedScan[] = []): CollectionIndexes {
  return { collection, indexes, scans };
}

/** The indexes a mongoose schema declares (`schema.index(...)`, plugins included) for its `collection` option. */
export function schemaIndexes(schema: Schema, scans: readonly AllowedScan[] = []): CollectionIndexes {
  const collection: unknown = schema.get('collection');
  if (typeof collection !== 'string' || collection === '') throw new Error('schemaIndexes: the schema must name its collection (option `collection`)');
  const indexes = schema.indexes().map(([fields, options]) => {
    const keys: Record<string, SortDirection> = {};
    for (const [field, direction] of Object.entries(fields)) {
      if (direction !== 1 && direction !== -1) throw new Error(`schemaIndexes(${collection}): only ascending/descending keys are declared here (${field}: ${String(direction)})`);
      keys[field] = direction;
    }
    const partial = (options as { partialFilterExpression?: Record<string, unknown> }).partialFilterExpression;
    return index(keys, partial);
  });
  return collectionIndexes(collection, indexes, scans);
}

/** Creates the declared indexes (idempotent: an index that exists with the same keys and options is kept). */
export async function ensureIndexes(connection: Connection, declarations: readonly CollectionIndexes[]): Promise<void> {
  for (const { collection, indexes } of declarations) {
    if (indexes.length === 0) continue;
    await connection.collection(collection).createIndexes(
      indexes.map((declared) => ({
        key: Object.fromEntries(declared.keys),
        ...(declared.partialFilterExpression === undefined ? {} : { partialFilterExpression: { ...declared.partialFilterExpression } }),
        ...(declared.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: declared.expireAfterSeconds }),
      })),
    );
  }
}
