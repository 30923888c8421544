import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { CompareOperator, Criterion, OffsetPage } from '../application/ports/directory-queries.port';

/**
 * How a criterion field is stored:
 * - `key`: lower-cased beside the value (userName, emails, externalId, group name): compared
 *   case-insensitively on the key, so `eq` is an index look-up;
 * - `text`: free text compared case-insensitively (SCIM's caseExact false) by an anchored regex;
 * - `exact`: ids and enumerations, compared as they are;
 * - `boolean`.
 * `array`: the path holds a list (a criterion matches when one element does; `pr`: non-empty).
 */
export interface StoredField {
  readonly path: string;
  readonly kind: 'key' | 'text' | 'exact' | 'boolean';
  readonly array?: boolean;
}

export type Filter = Record<string, unknown>;

/** Longest value a criterion may compare with. */
const MAX_VALUE_LENGTH = 1_000;
/** Deepest and/or/not nesting, and most criteria in one tree. */
const MAX_DEPTH = 16;
const MAX_NODES = 200;
/** The largest page one query may ask for. */
export const MAX_PAGE_SIZE = 1_000;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function invalid(message: string): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.InvalidInput, message, { field: 'filter' });
}

function textValue(field: string, value: string | boolean | null): string {
  if (typeof value !== 'string') throw invalid(`${field} compares with text`);
  if (value.length > MAX_VALUE_LENGTH) throw invalid(`a filter value has at most ${MAX_VALUE_LENGTH} characters`);
  return value;
}

function regexFor(op: 'co' | 'sw' | 'ew' | 'eq', text: string): string {
  const escaped = escapeRegex(text);
  if (op === 'sw') return `^${escaped}`;
  if (op === 'ew') return `${escaped}$`;
  if (op === 'eq') return `^${escaped}$`;
  return escaped;
}

const RANGE: Record<'gt' | 'ge' | 'lt' | 'le', string> = { gt: '$gt', ge: '$gte', lt: '$lt', le: '$lte' };

function compare(name: string, stored: StoredField, op: CompareOperator, value: string | boolean | null): Filter {
  const { path } = stored;
  if (value === null) {
    if (op === 'eq') return { [path]: null };
    if (op === 'ne') return { [path]: { $ne: null } };
    throw invalid(`${name} ${op} needs a value`);
  }
  if (stored.kind === 'boolean') {
    if (typeof value !== 'boolean') throw invalid(`${name} compares with true or false`);
    if (op === 'eq') return { [path]: value };
    if (op === 'ne') return { [path]: { $ne: value } };
    throw invalid(`${name} supports eq and ne only`);
  }
  const raw = textValue(name, value);
  const text = stored.kind === 'key' ? raw.toLowerCase() : raw;
  const options = stored.kind === 'text' ? 'i' : '';
  switch (op) {
    case 'eq':
      return stored.kind === 'text' ? { [path]: { $regex: regexFor('eq', text), $options: options } } : { [path]: text };
    case 'ne':
      return stored.kind === 'text' ? { [path]: { $not: new RegExp(regexFor('eq', text), options) } } : { [path]: { $ne: text } };
    case 'co':
    case 'sw':
    case 'ew':
      return { [path]: { $regex: regexFor(op, text), $options: options } };
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return { [path]: { [RANGE[op]]: text } };
  }
}

/**
 * A criterion tree as a MongoDB filter over the stored fields (`fields` maps each criterion field);
 * DIRECTORY.INVALID_INPUT for a field outside the map, a value of the wrong type or a tree too large.
 */
export function criterionFilter<F extends string>(criterion: Criterion<F>, fields: Readonly<Record<F, StoredField>>): Filter {
  let nodes = 0;
  const walk = (node: Criterion<F>, depth: number): Filter => {
    nodes += 1;
    if (depth > MAX_DEPTH || nodes > MAX_NODES) throw invalid(`a filter has at most ${MAX_NODES} criteria nested at most ${MAX_DEPTH} deep`);
    if ('and' in node) return node.and.length === 0 ? {} : { $and: node.and.map((child) => walk(child, depth + 1)) };
    if ('or' in node) {
      if (node.or.length === 0) throw invalid('an or needs at least one criterion');
      return { $or: node.or.map((child) => walk(child, depth + 1)) };
    }
    if ('not' in node) return { $nor: [walk(node.not, depth + 1)] };
    const stored = Object.prototype.hasOwnProperty.call(fields, node.field) ? fields[node.field] : undefined;
    if (stored === undefined) throw invalid(`no filter on ${String(node.field)}`);
    if (node.op === 'pr') return stored.array ? { [`${stored.path}.0`]: { $exists: true } } : { [stored.path]: { $exists: true, $nin: [null, ''] } };
    return compare(node.field, stored, node.op, node.value);
  };
  return walk(criterion, 0);
}

/** A query's filter: live records only, within the scope's organisation, matching the criterion. */
export function liveFilter(criterion: Filter | undefined, organisationId: string | undefined, organisationPath = 'organisationId'): Filter {
  const and: Filter[] = [{ deleted: false }];
  if (organisationId !== undefined) and.push({ [organisationPath]: organisationId });
  if (criterion !== undefined && Object.keys(criterion).length > 0) and.push(criterion);
  return { $and: and };
}

/** DIRECTORY.INVALID_INPUT / TOO_MANY for a page outside 0 <= offset, 0 <= limit <= MAX_PAGE_SIZE. */
export function checkPage(page: OffsetPage): void {
  if (!Number.isInteger(page.offset) || page.offset < 0) throw new DirectoryError(DirectoryErrorCode.InvalidInput, 'a page starts at a whole number >= 0', { field: 'offset' });
  if (!Number.isInteger(page.limit) || page.limit < 0) throw new DirectoryError(DirectoryErrorCode.InvalidInput, 'a page size is a whole number >= 0', { field: 'limit' });
  if (page.limit > MAX_PAGE_SIZE) throw new DirectoryError(DirectoryErrorCode.TooMany, `a page has at most ${MAX_PAGE_SIZE} items`, { field: 'limit', max: MAX_PAGE_SIZE });
}
