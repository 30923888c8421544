import { parse } from 'scim2-parse-filter';
import type { Compare, Filter } from 'scim2-parse-filter';
import type { CompareOperator, Criterion, GroupField, PersonField } from '../application/ports';
import { ScimError } from './scim.errors';
import { resolvePath } from './scim-path';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_GROUP_SCHEMAS, SCIM_USER_SCHEMAS } from './scim-schemas';
import type { ScimResourceSchemas } from './scim-schemas';

/*
 * SCIM filters (RFC 7644 §3.4.2.2) to the directory's criterion tree: scim2-parse-filter parses,
 * this maps its AST over a closed table of filterable attributes. An attribute outside the table,
 * an operator that makes no sense for it (gt on a boolean, co on an id), a value of the wrong
 * type or a malformed filter: 400 invalidFilter, and nothing reaches a store.
 */

type FieldKind = 'text' | 'id' | 'boolean';

interface FilterTable<F extends string> {
  readonly schemas: ScimResourceSchemas;
  /** Canonical attribute path (see ResolvedPath.canonical, without value filters) to field and kind. */
  readonly fields: Readonly<Record<string, { readonly field: F; readonly kind: FieldKind }>>;
}

const ENTERPRISE = SCIM_ENTERPRISE_USER_SCHEMA;

export const SCIM_USER_FILTERS: FilterTable<PersonField> = {
  schemas: SCIM_USER_SCHEMAS,
  fields: {
    id: { field: 'id', kind: 'id' },
    userName: { field: 'userName', kind: 'text' },
    displayName: { field: 'displayName', kind: 'text' },
    'name.formatted': { field: 'displayName', kind: 'text' },
    emails: { field: 'email', kind: 'text' },
    'emails.value': { field: 'email', kind: 'text' },
    externalId: { field: 'externalId', kind: 'text' },
    active: { field: 'active', kind: 'boolean' },
    title: { field: 'title', kind: 'text' },
    [`${ENTERPRISE}:department`]: { field: 'department', kind: 'text' },
    [`${ENTERPRISE}:employeeNumber`]: { field: 'employeeNumber', kind: 'text' },
    [`${ENTERPRISE}:manager`]: { field: 'managerId', kind: 'id' },
    [`${ENTERPRISE}:manager.value`]: { field: 'managerId', kind: 'id' },
  },
};

export const SCIM_GROUP_FILTERS: FilterTable<GroupField> = {
  schemas: SCIM_GROUP_SCHEMAS,
  fields: {
    id: { field: 'id', kind: 'id' },
    displayName: { field: 'name', kind: 'text' },
    externalId: { field: 'externalId', kind: 'text' },
    members: { field: 'memberId', kind: 'id' },
    'members.value': { field: 'memberId', kind: 'id' },
  },
};

/** A filter of more comparisons than this is refused (each one is a clause of the store query). */
export const MAX_FILTER_COMPARISONS = 100;

const OPERATORS_OF: Readonly<Record<FieldKind, readonly CompareOperator[]>> = {
  text: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  id: ['eq', 'ne'],
  boolean: ['eq', 'ne'],
};

export function personCriterion(filter: string | undefined): Criterion<PersonField> | undefined {
  return toCriterion(SCIM_USER_FILTERS, filter);
}

export function groupCriterion(filter: string | undefined): Criterion<GroupField> | undefined {
  return toCriterion(SCIM_GROUP_FILTERS, filter);
}

/** The criterion of a `filter` query parameter (undefined or blank: no criterion). */
export function toCriterion<F extends string>(table: FilterTable<F>, filter: string | undefined): Criterion<F> | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  let ast: Filter;
  try {
    ast = parse(filter);
  } catch (error) {
    throw ScimError.badRequest('invalidFilter', `Malformed filter: ${error instanceof Error ? error.message : String(error)}`);
  }
  const counter = { comparisons: 0 };
  return map(table, ast, '', counter);
}

function map<F extends string>(table: FilterTable<F>, filter: Filter, prefix: string, counter: { comparisons: number }): Criterion<F> {
  switch (filter.op) {
    case 'and':
      return { and: filter.filters.map((inner) => map(table, inner, prefix, counter)) };
    case 'or':
      return { or: filter.filters.map((inner) => map(table, inner, prefix, counter)) };
    case 'not':
      return { not: map(table, filter.filter, prefix, counter) };
    case '[]': {
      if (prefix !== '') throw ScimError.badRequest('invalidFilter', 'Nested value filters are not supported.');
      // emails[value co "@example.com"]: the inner attributes are the outer one's sub-attributes.
      const outer = resolvePath(table.schemas, filter.attrPath, 'invalidFilter');
      if (outer.attribute.multiValued !== true) throw ScimError.badRequest('invalidFilter', `"${filter.attrPath}" is not multi-valued.`);
      return map(table, filter.valFilter, `${filter.attrPath}.`, counter);
    }
    case 'pr': {
      counter.comparisons += 1;
      return { field: fieldOf(table, `${prefix}${filter.attrPath}`, counter).field, op: 'pr' };
    }
    default:
      counter.comparisons += 1;
      return compare(filter, fieldOf(table, `${prefix}${filter.attrPath}`, counter));
  }
}

function fieldOf<F extends string>(table: FilterTable<F>, attrPath: string, counter: { comparisons: number }): { field: F; kind: FieldKind } {
  if (counter.comparisons > MAX_FILTER_COMPARISONS) {
    throw ScimError.badRequest('invalidFilter', `A filter may hold at most ${MAX_FILTER_COMPARISONS} comparisons.`);
  }
  const resolved = resolvePath(table.schemas, attrPath, 'invalidFilter');
  const entry = table.fields[resolved.canonical];
  if (entry === undefined) throw ScimError.badRequest('invalidFilter', `"${attrPath}" cannot be filtered on.`);
  return entry;
}

function compare<F extends string>(filter: Compare, target: { field: F; kind: FieldKind }): Criterion<F> {
  if (!OPERATORS_OF[target.kind].includes(filter.op)) {
    throw ScimError.badRequest('invalidFilter', `"${filter.op}" does not apply to "${filter.attrPath}".`);
  }
  return { field: target.field, op: filter.op, value: comparedValue(filter, target.kind) };
}

function comparedValue(filter: Compare, kind: FieldKind): string | boolean | null {
  const value = filter.compValue;
  if (value === null) return null;
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    // Some identity providers quote booleans ("True"/"False").
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw ScimError.badRequest('invalidFilter', `"${filter.attrPath}" compares with true or false.`);
  }
  if (typeof value !== 'string') throw ScimError.badRequest('invalidFilter', `"${filter.attrPath}" compares with a quoted string.`);
  return value;
}
