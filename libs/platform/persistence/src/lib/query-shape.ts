import { INBOX_FIELD } from './inbox';

/**
 * How a query uses a field, for index selection:
 * - `eq`: one value (`x`, `{ $eq: x }`, `{ $in: [x] }`, a sub-document or array matched whole);
 * - `in`: several values (`$in`): an index key it can bound like an equality (MongoDB merges the
 *   runs per value, so a following sort key still gives the order), but not a constant for sorting;
 * - `range`: `$gt`, `$gte`, `$lt`, `$lte`, a case-sensitive `^prefix` regex: one bounded run of keys;
 * - `other`: anything an index cannot bound (`$ne`, `$nin`, `$exists`, `$not`, `$elemMatch`, an
 *   unanchored or case-insensitive regex, ...): filtered after the scan.
 */
export type FieldUse = 'eq' | 'in' | 'range' | 'other';

/** The command a shape was issued with (`count` is the legacy command; countDocuments is an aggregate). */
export type QueryKind = 'find' | 'findAndModify' | 'update' | 'delete' | 'count' | 'aggregate' | 'distinct';

export type SortDirection = 1 | -1;

/** A conjunction of field predicates: field -> use. */
export type Predicates = Readonly<Record<string, FieldUse>>;

/** The shape of one query: which fields it filters on and how, and its sort, without the values. */
export interface QueryShape {
  readonly collection: string;
  readonly kind: QueryKind;
  /** The conjuncts outside any `$or`. */
  readonly where: Predicates;
  /** A top-level `$or` (its branches, each a conjunction; several `$or`s are multiplied out); empty if none. */
  readonly anyOf: readonly Predicates[];
  readonly sort: readonly (readonly [string, SortDirection])[];
}

/** A recorded query: its shape and the first filter and sort seen with it (for `explain`). */
export interface ObservedQuery {
  readonly shape: QueryShape;
  readonly filter: Readonly<Record<string, unknown>>;
  readonly sort: Readonly<Record<string, SortDirection>>;
}

/** More `$or` combinations than this are not multiplied out: the `$or` is then left to the residual filter. */
const MAX_BRANCHES = 32;
const RANK: Record<FieldUse, number> = { eq: 3, in: 2, range: 1, other: 0 };
const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

type Doc = Record<string, unknown>;

function isPlainDocument(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  // BSON values (ObjectId, Binary, Decimal128, BSONRegExp, ...) are values, not documents.
  return !('_bsontype' in value);
}

function regexUse(pattern: unknown, options: unknown): FieldUse {
  const source = pattern instanceof RegExp ? pattern.source : typeof pattern === 'string' ? pattern : isBsonRegex(pattern) ? pattern.pattern : undefined;
  const flags = pattern instanceof RegExp ? pattern.flags : isBsonRegex(pattern) ? pattern.options : '';
  const allFlags = `${flags}${typeof options === 'string' ? options : ''}`;
  // A case-sensitive `^literal...` regex is a bounded key range; anything else scans every key.
  return source !== undefined && /^\^[^.*+?()[\]{}|\\^$]/.test(source) && !allFlags.includes('i') ? 'range' : 'other';
}

function isBsonRegex(value: unknown): value is { pattern: string; options: string } {
  return typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'BSONRegExp';
}

/** How one field's condition uses an index. */
export function fieldUse(condition: unknown): FieldUse {
  if (condition instanceof RegExp || isBsonRegex(condition)) return regexUse(condition, undefined);
  if (!isPlainDocument(condition)) return 'eq';
  const operators = Object.keys(condition).filter((key) => key.startsWith('$'));
  if (operators.length === 0) return 'eq';
  let best: FieldUse = 'other';
  for (const operator of operators) {
    const value = condition[operator];
    let use: FieldUse = 'other';
    if (operator === '$eq') use = 'eq';
    else if (operator === '$in') use = Array.isArray(value) && value.length === 1 ? 'eq' : 'in';
    else if (RANGE_OPERATORS.has(operator)) use = 'range';
    else if (operator === '$regex') use = regexUse(value, condition['$options']);
    if (RANK[use] > RANK[best]) best = use;
  }
  return best;
}

/** Dotted paths with a per-stream key (the inbox) count as one field. */
function fieldName(path: string): string {
  return path.startsWith(`${INBOX_FIELD}.`) ? `${INBOX_FIELD}.<stream>` : path;
}

function merge(into: Record<string, FieldUse>, field: string, use: FieldUse): void {
  const name = fieldName(field);
  const known = into[name];
  if (known === undefined || RANK[use] > RANK[known]) into[name] = use;
}

interface Conjunction {
  readonly where: Record<string, FieldUse>;
  /** Each element: one `$or`'s branches. */
  readonly ors: Predicates[][];
}

function collect(filter: Doc, into: Conjunction): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainDocument(part)) collect(part, into);
    } else if (key === '$or' && Array.isArray(condition)) {
      into.ors.push(condition.filter(isPlainDocument).flatMap((branch) => branchesOf(branch)));
    } else if (!key.startsWith('$')) {
      merge(into.where, key, fieldUse(condition));
    }
    // Other top-level operators ($nor, $expr, $where, $comment, ...) never bound an index scan.
  }
}

/** A filter as a disjunction of conjunctions (each `$or` multiplied out, up to MAX_BRANCHES). */
function branchesOf(filter: Doc): Predicates[] {
  const { where, anyOf } = predicatesOf(filter);
  return anyOf.length === 0 ? [where] : anyOf.map((branch) => combine(where, branch));
}

function combine(a: Predicates, b: Predicates): Predicates {
  const out: Record<string, FieldUse> = { ...a };
  for (const [field, use] of Object.entries(b)) merge(out, field, use);
  return out;
}

function predicatesOf(filter: Doc): { where: Predicates; anyOf: Predicates[] } {
  const conjunction: Conjunction = { where: {}, ors: [] };
  collect(filter, conjunction);
  let anyOf: Predicates[] = [];
  for (const branches of conjunction.ors) {
    if (branches.length === 0) continue;
    const next = anyOf.length === 0 ? branches : anyOf.flatMap((left) => branches.map((right) => combine(left, right)));
    if (next.length > MAX_BRANCHES) return { where: conjunction.where, anyOf: [] };
    anyOf = next;
  }
  return { where: conjunction.where, anyOf };
}

function sortOf(sort: unknown): [string, SortDirection][] {
  const entries: [string, unknown][] = sort instanceof Map ? [...(sort as Map<string, unknown>).entries()] : isPlainDocument(sort) ? Object.entries(sort) : [];
  return entries.map(([field, direction]) => [field, direction === -1 || direction === 'desc' || direction === 'descending' ? -1 : 1]);
}

function shapeOf(collection: string, kind: QueryKind, filter: unknown, sort: unknown): ObservedQuery {
  const document = isPlainDocument(filter) ? filter : {};
  const sorted = sortOf(sort);
  const { where, anyOf } = predicatesOf(document);
  return {
    shape: { collection, kind, where, anyOf, sort: sorted },
    filter: document,
    sort: Object.fromEntries(sorted),
  };
}

/** The leading `$match` and `$sort` stages of a pipeline (the optimizer moves a `$match` ahead of a `$sort`): what an index can serve. */
function pipelineHead(pipeline: unknown): { filter: Doc; sort: unknown } {
  const matches: unknown[] = [];
  let sort: unknown = undefined;
  for (const stage of Array.isArray(pipeline) ? pipeline : []) {
    if (!isPlainDocument(stage)) break;
    if ('$match' in stage) matches.push(stage['$match']);
    else if ('$sort' in stage && sort === undefined) sort = stage['$sort'];
    else break;
  }
    const only = matches.length === 1 ? matches[0] : undefined;
  return { filter: matches.length === 0 ? {} : isPlainDocument(only) ? only : { $and: matches }, sort };
}

/**
 * The queries a driver command issues (an `update` or `delete` command may carry several), or
 * none for commands that do not select documents (insert, getMore, index and admin commands).
 */
export function queriesOfCommand(commandName: string, command: Readonly<Doc>): ObservedQuery[] {
  const target = command[commandName];
  if (typeof target !== 'string') return [];
  switch (commandName) {
    case 'find':
      return [shapeOf(target, 'find', command['filter'], command['sort'])];
    case 'findAndModify':
      return [shapeOf(target, 'findAndModify', command['query'], command['sort'])];
    case 'count':
      return [shapeOf(target, 'count', command['query'], undefined)];
    case 'distinct':
      return [shapeOf(target, 'distinct', command['query'], undefined)];
    case 'update':
      return statements(command['updates']).map((statement) => shapeOf(target, 'update', statement['q'], undefined));
    case 'delete':
      return statements(command['deletes']).map((statement) => shapeOf(target, 'delete', statement['q'], undefined));
    case 'aggregate': {
      const head = pipelineHead(command['pipeline']);
      return [shapeOf(target, 'aggregate', head.filter, head.sort)];
    }
    default:
      return [];
  }
}

function statements(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter(isPlainDocument) : [];
}

function predicatesKey(predicates: Predicates): string {
  const fields = Object.keys(predicates).sort();
  return fields.length === 0 ? '{}' : `{ ${fields.map((field) => `${field}: ${predicates[field] ?? 'other'}`).join(', ')} }`;
}

/**
 * A shape in one line, stable across runs (fields in alphabetical order, sort in its order), e.g.
 * `find { seq: range, state: in } sort { seq: -1 }` or `find { state: eq } or [{ sourceId: eq } | { targetId: eq }]`.
 * Allow-list entries name shapes this way.
 */
export function shapeKey(shape: Pick<QueryShape, 'kind' | 'where' | 'anyOf' | 'sort'>): string {
  const or = shape.anyOf.length === 0 ? '' : ` or [${shape.anyOf.map(predicatesKey).sort().join(' | ')}]`;
  const sort = shape.sort.length === 0 ? '' : ` sort { ${shape.sort.map(([field, direction]) => `${field}: ${direction}`).join(', ')} }`;
  return `${shape.kind} ${predicatesKey(shape.where)}${or}${sort}`;
}
