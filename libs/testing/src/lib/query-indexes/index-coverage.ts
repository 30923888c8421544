import type { CollectionIndexes, FieldUse, IndexDeclaration, Predicates, QueryShape } from '@itsm/platform/persistence';
import { shapeKey } from '@itsm/platform/persistence';

/**
 * The rule the index check applies (Equality, Sort, Range). An index serves one conjunction of
 * predicates with a sort when its keys, read from the left, are:
 *   1. zero or more fields the query tests for equality (`eq`, or `in` for several values), in any order;
 *   2. then the sort's fields in the sort's order, all in the sort's directions or all reversed
 *      (a sort field the query fixes with a single-value equality is dropped from the sort first;
 *      the sort may also start inside step 1's keys when every key before it is a single-value
 *      equality, e.g. `{ kind: { $in } }` sorted by `{ kind, id }` on `{ kind: 1, id: 1 }`);
 *   3. then, optionally, one field the query bounds with a range (a range on a sort field is bound by step 2);
 * and (a) if the query has equality fields, step 1 used at least one of them (the index narrows the
 * scan, not only orders it), (b) steps 1-3 used at least one key, (c) a partial index is used only
 * when the query tests each field of its filter for equality. Keys after those are ignored.
 * `_id` is always indexed (`{ _id: 1 }`). A query with a top-level `$or` is served when its
 * conjuncts outside the `$or` are served alone, or when every branch (with those conjuncts) is.
 * A shape none of this serves passes only when its collection's declaration allows it as a scan.
 */
const ID_INDEX: IndexDeclaration = { keys: [['_id', 1]] };

function isEquality(use: FieldUse | undefined): boolean {
  return use === 'eq' || use === 'in';
}

/** Whether `keys` from `start` read `sort` in order, all in its directions or all reversed. */
function readsInOrder(keys: IndexDeclaration['keys'], start: number, sort: QueryShape['sort']): boolean {
  let reversed: boolean | undefined;
  return sort.every(([field, direction], i) => {
    const key = keys[start + i];
    if (key === undefined || key[0] !== field) return false;
    const flipped = key[1] !== direction;
    if (reversed !== undefined && flipped !== reversed) return false;
    reversed = flipped;
    return true;
  });
}

/** Whether `declared` serves one conjunction with this sort (the rule above). */
export function indexServes(declared: IndexDeclaration, where: Predicates, sort: QueryShape['sort']): boolean {
  const partial = declared.partialFilterExpression;
  if (partial !== undefined && !Object.keys(partial).every((field) => where[field] === 'eq')) return false;
  const keys = declared.keys;
  let prefix = 0;
  while (prefix < keys.length && isEquality(where[(keys[prefix] as readonly [string, number])[0]])) prefix += 1;
  if (prefix === 0 && Object.values(where).some(isEquality)) return false;
  // The sort, minus the fields a single value fixes, read right after the equality prefix (several
  // `$in` values are merged in order), or from a point in the prefix before which every key is fixed
  // (then it may name the prefix's own `$in` fields).
  const ordered = sort.filter(([field]) => where[field] !== 'eq');
  let end = prefix;
  if (ordered.length > 0) {
    const starts = [prefix];
    for (let start = 0; start < prefix; start += 1) {
      starts.push(start);
      if (where[(keys[start] as readonly [string, number])[0]] !== 'eq') break;
    }
    const start = starts.find((candidate) => readsInOrder(keys, candidate, ordered));
    if (start === undefined) return false;
    end = Math.max(prefix, start + ordered.length);
  }
  const next = keys[end];
  const ranged = next !== undefined && where[next[0]] === 'range';
  return prefix > 0 || ordered.length > 0 || ranged;
}

/** The first index (`_id` first) that serves the shape, or undefined. */
export function servingIndex(shape: QueryShape, declared: readonly IndexDeclaration[]): IndexDeclaration | undefined {
  const candidates = [ID_INDEX, ...declared];
  const serve = (where: Predicates): IndexDeclaration | undefined => candidates.find((candidate) => indexServes(candidate, where, shape.sort));
  const whole = serve(shape.where);
  if (whole !== undefined || shape.anyOf.length === 0) return whole;
  const branches = shape.anyOf.map((branch) => serve({ ...shape.where, ...branch }));
  return branches.every((found) => found !== undefined) ? branches[0] : undefined;
}

/** A recorded shape: which context's database it ran on, and who issued it. */
export interface RecordedShape {
  readonly context: string;
  readonly shape: QueryShape;
  /** Canonical Extended JSON of `{ filter, sort }` as first seen. */
  readonly sample: string;
  /** The spec file (path from the repository root) and, when known, the test. */
  readonly origin: string;
}

export interface UnservedShape {
  readonly context: string;
  readonly collection: string;
  readonly shape: string;
  readonly origins: readonly string[];
  readonly why: string;
}

export function formatIndex(declared: IndexDeclaration): string {
  const keys = `{ ${declared.keys.map(([field, direction]) => `${field}: ${direction}`).join(', ')} }`;
  return declared.partialFilterExpression === undefined ? keys : `${keys} partial ${JSON.stringify(declared.partialFilterExpression)}`;
}

/**
 * Every recorded shape that no declared index serves and that its collection does not allow as a
 * scan, one entry per (context, collection, shape) with every spec that issued it.
 */
export function unservedShapes(recorded: readonly RecordedShape[], declarations: ReadonlyMap<string, readonly CollectionIndexes[]>): UnservedShape[] {
  const out = new Map<string, { context: string; collection: string; shape: string; origins: Set<string>; why: string }>();
  for (const { context, shape, origin } of recorded) {
    const declared = declarations.get(context);
    const collection = declared?.find((entry) => entry.collection === shape.collection);
    const key = shapeKey(shape);
    let why: string | undefined;
    if (declared === undefined) why = `context "${context}" declared no indexes (its repositories were not built through ContextPersistenceModule)`;
    else if (collection === undefined) why = `no repository of "${context}" declares collection "${shape.collection}"`;
    else if (collection.scans.some((scan) => scan.shape === key)) continue;
    else if (servingIndex(shape, collection.indexes) === undefined) {
      why = `no declared index serves it; declared: ${['{ _id: 1 }', ...collection.indexes.map(formatIndex)].join(', ')}`;
    }
    if (why === undefined) continue;
    const id = `${context}\u0000${shape.collection}\u0000${key}`;
    const entry = out.get(id) ?? { context, collection: shape.collection, shape: key, origins: new Set<string>(), why };
    entry.origins.add(origin);
    out.set(id, entry);
  }
  return [...out.values()].map((entry) => ({ ...entry, origins: [...entry.origins].sort() }));
}

export function formatUnserved(unserved: readonly UnservedShape[]): string {
  return unserved.map((u) => `${u.context}.${u.collection}: ${u.shape}\n    ${u.why}\n    issued by: ${u.origins.join('; ')}`).join('\n');
}
