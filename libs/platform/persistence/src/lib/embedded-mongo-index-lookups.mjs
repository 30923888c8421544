// Declared-index look-ups for the embedded MongoDB-wire server. CongoDB keeps the indexes a
// repository declares (createIndexes) but answers every query by testing each document of the
// collection with mingo: re-arming the SLA timers of 12 partitions read 1.3 million claims and half
// a million tickets once per group of partitions (65 s where real MongoDB walks an index). Here each
// declared index is also kept as a hash trie over its fields, built on its first use and maintained
// by the storage's own writes; a find, count, update, delete or findAndModify whose every filter
// pins the index's leading fields by equality (a string, number or boolean, or `$eq` / `$in` of
// them) reads only the documents under those keys, less those a range (`$gt`, `$lt`, ...) on the
// index's next field excludes. CongoDB's filter, sort, limit, projection and
// update then run on them unchanged, so the answers are the same: a document whose value for a
// pinned field is not one of the pinned values cannot match. Documents whose value is not such a
// scalar (missing, null, a date, a sub-document, a path through an array) sit under a wildcard key
// and are always read, so mingo decides for them. When no wildcard document was read, the pinned
// fields are answered exactly and a find or count leaves them out of the filter it hands on.
//
// Multikey, as MongoDB's: a field whose value is an array is indexed under each of its elements (a
// scalar equality or `$in` matches an array holding the value), under the wildcard too when an
// element is not a scalar (null, a sub-document, a nested array: mingo decides), and under no key
// when it is empty (no scalar equals an element of []). The array itself needs no key: a filter
// whose value is an array pins nothing. A document with arrays in two fields of one index (MongoDB
// refuses to index it) sits under the wildcard for those fields: read by every look-up, decided by mingo.

const WILDCARD = '*';
/** The storage adapter's methods that change documents (maintained) or collections (dropped, rebuilt on next use). */
const DOCUMENT_WRITES = ['insertOne', 'updateById', 'deleteById'];
const COLLECTION_CHANGES = ['createCollection', 'dropCollection', 'createDatabase', 'dropDatabase', 'renameCollection', 'saveIndex', 'dropIndex'];

/** The trie key of a scalar value (strings, finite-or-not numbers, booleans), or undefined for anything else. */
function scalarKey(value) {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value === 0 ? 0 : value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    default:
      return undefined;
  }
}

/** The keys of a scalar or of an array's elements; `[WILDCARD]` for any other value. */
function valueKeys(value) {
  if (!Array.isArray(value)) return [scalarKey(value) ?? WILDCARD];
  const keys = new Set();
  for (const element of value) keys.add(scalarKey(element) ?? WILDCARD);
  return [...keys];
}

/**
 * A document's keys per index field: its scalar value, each element of an array value, or the
 * wildcard (paths through arrays, other values, and arrays in more than one field of the index).
 */
function documentKeys(document, paths) {
  const values = paths.map((path) => {
    let value = document;
    for (const part of path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return WILDCARD;
      value = value[part];
    }
    return value;
  });
  const arrays = values.filter(Array.isArray).length;
  return values.map((value) => (value === WILDCARD || (arrays > 1 && Array.isArray(value)) ? [WILDCARD] : valueKeys(value)));
}

/** The keys a filter pins a field to (`v`, `{ $eq: v }`, `{ $in: [v, ...] }` of scalars), or undefined. */
export function pinnedKeys(filter, field) {
  if (filter === null || typeof filter !== 'object' || !Object.hasOwn(filter, field)) return undefined;
  const value = filter[field];
  const direct = scalarKey(value);
  if (direct !== undefined) return [direct];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const operators = Object.keys(value);
  if (operators.length !== 1) return undefined;
  if (operators[0] === '$eq') {
    const key = scalarKey(value.$eq);
    return key === undefined ? undefined : [key];
  }
  if (operators[0] === '$in' && Array.isArray(value.$in)) {
    const keys = value.$in.map(scalarKey);
    return keys.every((key) => key !== undefined) ? [...new Set(keys)] : undefined;
  }
  return undefined;
}

/** How a range operator reads the comparison of a value with its bound (-1, 0, 1). */
const RANGE = { $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0 };
/** A path's value, or NOT_DECIDED where the path runs through an array (a multikey range is left to the filter). */
const NOT_DECIDED = Symbol('not decided');

function valueAt(document, path) {
  let value = document;
  for (const part of path) {
    if (Array.isArray(value)) return NOT_DECIDED;
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  return Array.isArray(value) ? NOT_DECIDED : value;
}

/**
 * A filter's range on a field (`$gt`, `$gte`, `$lt`, `$lte` only, every bound a valid Date, or
 * every bound a finite number) as a test that is false only for a value that cannot match: one of
 * the bounds' own type outside them. Any other value (missing, null, an array, another type, an
 * invalid date) passes, and the filter decides it. Undefined when the field holds no such range.
 */
function rangeTest(filter, field) {
  const condition = filter !== null && typeof filter === 'object' ? filter[field] : undefined;
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition) || condition instanceof Date) return undefined;
  const bounds = Object.entries(condition);
  if (bounds.length === 0 || bounds.some(([operator]) => !Object.hasOwn(RANGE, operator))) return undefined;
  const dates = bounds.every(([, bound]) => bound instanceof Date && !Number.isNaN(bound.getTime()));
  const numbers = bounds.every(([, bound]) => typeof bound === 'number' && Number.isFinite(bound));
  if (!dates && !numbers) return undefined;
  const checks = bounds.map(([operator, bound]) => [RANGE[operator], dates ? bound.getTime() : bound]);
  return (value) => {
    if (dates ? !(value instanceof Date) : typeof value !== 'number') return true;
    const x = dates ? value.getTime() : value;
    if (Number.isNaN(x)) return true;
    return checks.every(([holds, bound]) => holds(x < bound ? -1 : x > bound ? 1 : 0));
  };
}

const newNode = () => ({ ids: new Set(), children: new Map() });

/**
 * One declared index as a hash trie over its fields; every node but the root holds the ids of the
 * documents below it. A document sits under every combination of its keys per field (one field at
 * most holds several: an array's elements).
 */
class IndexTrie {
  constructor(fields, build) {
    this.fields = fields;
    this.build = build;
    this.paths = fields.map((field) => field.split('.'));
    this.root = newNode();
    /** id -> the document's keys per field, to move or remove it. */
    this.entries = new Map();
  }

  add(id, document) {
    const keys = documentKeys(document, this.paths);
    this.entries.set(id, keys);
    // The root holds no ids (every look-up pins at least one field): the collection is the root's set.
    const descend = (node, depth) => {
      if (depth === keys.length) return;
      for (const key of keys[depth]) {
        let child = node.children.get(key);
        if (child === undefined) node.children.set(key, (child = newNode()));
        child.ids.add(id);
        descend(child, depth + 1);
      }
    };
    descend(this.root, 0);
  }

  remove(id) {
    const keys = this.entries.get(id);
    if (keys === undefined) return;
    this.entries.delete(id);
    const descend = (node, depth) => {
      if (depth === keys.length) return;
      for (const key of keys[depth]) {
        const child = node.children.get(key);
        if (child === undefined || !child.ids.delete(id)) continue;
        // A node holds the ids of its subtree: an emptied node has nothing left below it.
        if (child.ids.size === 0) node.children.delete(key);
        else descend(child, depth + 1);
      }
    };
    descend(this.root, 0);
  }

  /** The ids under the pinned keys of the leading fields (wildcards included), and whether a wildcard document was among them. */
  lookup(keysPerField) {
    let frontier = [this.root];
    let wildcards = false;
    for (const keys of keysPerField) {
      const next = [];
      for (const node of frontier) {
        for (const key of keys) {
          const child = node.children.get(key);
          if (child !== undefined) next.push(child);
        }
        const wild = node.children.get(WILDCARD);
        if (wild !== undefined) {
          next.push(wild);
          wildcards = true;
        }
      }
      frontier = next;
    }
    if (frontier.length === 1) return { ids: frontier[0].ids, wildcards };
    const ids = new Set();
    for (const node of frontier) for (const id of node.ids) ids.add(id);
    return { ids, wildcards };
  }
}

/** The declared indexes of one storage adapter as tries: built lazily, kept up to date by its writes. */
export class DeclaredIndexLookups {
  #storage;
  /** `db\u0000collection` -> index name -> trie (only the indexes used so far). */
  #tries = new Map();
  /** How many tries were built so far: each trie carries its number (`build`), which explain reports. */
  #builds = 0;

  constructor(storage) {
    if (!(storage.databases instanceof Map)) throw new Error('embedded-mongo: this CongoDB storage keeps no databases map to index');
    this.#storage = storage;
    for (const name of DOCUMENT_WRITES) {
      const original = storage[name];
      if (typeof original !== 'function') throw new Error(`embedded-mongo: this CongoDB storage has no ${name}`);
      storage[name] = async (...args) => {
        const result = await original.apply(storage, args);
        this.#maintain(name, args, result);
        return result;
      };
    }
    for (const name of COLLECTION_CHANGES) {
      const original = storage[name];
      if (typeof original !== 'function') throw new Error(`embedded-mongo: this CongoDB storage has no ${name}`);
      storage[name] = async (...args) => {
        // CongoDB's insert and update commands "create" their collection (and database) every time:
        // one that exists is unchanged, and its tries stay (they were dropped on every write).
        if (name === 'createCollection' || name === 'createDatabase') {
          const database = storage.databases.get(args[0]);
          const exists = name === 'createDatabase' ? database !== undefined : database?.has(args[1]) === true;
          if (exists) return original.apply(storage, args);
        }
        try {
          return await original.apply(storage, args);
        } finally {
          this.#forget(args[0], name === 'createDatabase' || name === 'dropDatabase' ? undefined : args[1]);
          if (name === 'renameCollection') this.#forget(args[0], args[2]);
        }
      };
    }
  }

  #maintain(name, args, result) {
    const [db, collection] = args;
    const tries = this.#tries.get(`${db}\u0000${collection}`);
    if (tries === undefined) return;
    if (name === 'insertOne') {
      const id = result._id.toHexString();
      for (const trie of tries.values()) trie.add(id, result);
    } else if (name === 'updateById' && result === true) {
      const id = args[2].toHexString();
      for (const trie of tries.values()) {
        trie.remove(id);
        trie.add(id, args[3]);
      }
    } else if (name === 'deleteById' && result === true) {
      const id = args[2].toHexString();
      for (const trie of tries.values()) trie.remove(id);
    }
  }

  #forget(db, collection) {
    if (collection === undefined) {
      for (const key of this.#tries.keys()) if (key.startsWith(`${db}\u0000`)) this.#tries.delete(key);
    } else this.#tries.delete(`${db}\u0000${collection}`);
  }

  /**
   * The documents every filter may match, read through the declared index pinning most leading
   * fields of all of them: `{ documents, pinnedFields, exact, indexName, trieBuild }` (exact: no document under a
   * wildcard key was read, so each one has a pinned value for every pinned field of some filter),
   * or undefined when no index is pinned by every filter.
   */
  async candidates(db, collection, filters) {
    if (filters.length === 0 || !(await this.#storage.collectionExists(db, collection))) return undefined;
    const indexes = (await this.#storage.getIndexes(db, collection)) ?? [];
    let best;
    for (const index of indexes) {
      const fields = Object.keys(index.key ?? {});
      if (fields.length === 0 || fields[0] === '_id' || fields.some((f) => f.includes('$'))) continue;
      let depth = 0;
      while (depth < fields.length && filters.every((filter) => pinnedKeys(filter, fields[depth]) !== undefined)) depth += 1;
      // Of two pinned as deep, the one whose next field the filter bounds by a range.
      const range = filters.length === 1 && depth > 0 && depth < fields.length ? rangeTest(filters[0], fields[depth]) : undefined;
      if (depth > 0 && (best === undefined || depth > best.depth || (depth === best.depth && range !== undefined && best.range === undefined))) best = { index, fields, depth, range };
    }
    // From here on synchronous: the trie and the documents are read at one instant.
    const stored = this.#storage.databases.get(db)?.get(collection);
    if (best === undefined || !(stored instanceof Map)) return undefined;
    const trie = this.#trie(db, collection, best.index.name, best.fields, stored);
    const pinnedFields = best.fields.slice(0, best.depth);
    const paths = pinnedFields.map((field) => field.split('.'));
    const wanted = filters.map((filter) => pinnedFields.map((field) => new Set(pinnedKeys(filter, field))));
    let exact = true;
    const ids = new Set();
    for (const keys of wanted) {
      const found = trie.lookup(keys.map((set) => [...set]));
      if (found.wildcards) exact = false;
      for (const id of found.ids) ids.add(id);
    }
    // A range on the index's next field (one filter: a find, count or statement) leaves out the documents it cannot match, as an index scan's bounds do.
    const { range } = best;
    const rangePath = range === undefined ? undefined : best.fields[best.depth].split('.');
    const documents = [];
    for (const id of ids) {
      const document = stored.get(id);
      if (document === undefined) continue;
      if (range !== undefined && !range(valueAt(document, rangePath))) continue;
      // The document as stored now, not as the trie last saw it: a write between the two is answered as before or after it, never half.
      const keys = documentKeys(document, paths);
      if (wanted.some((sets) => keys.every((fieldKeys, i) => fieldKeys.some((key) => key === WILDCARD || sets[i].has(key))))) documents.push(document);
      if (keys.some((fieldKeys) => fieldKeys.includes(WILDCARD))) exact = false;
    }
    return { documents, pinnedFields, exact, indexName: best.index.name, trieBuild: trie.build };
  }

  #trie(db, collection, name, fields, stored) {
    const key = `${db}\u0000${collection}`;
    let tries = this.#tries.get(key);
    if (tries === undefined) this.#tries.set(key, (tries = new Map()));
    let trie = tries.get(name);
    if (trie === undefined || trie.fields.join() !== fields.join()) {
      trie = new IndexTrie(fields, (this.#builds += 1));
      for (const [id, document] of stored) trie.add(id, document);
      tries.set(name, trie);
    }
    return trie;
  }
}
