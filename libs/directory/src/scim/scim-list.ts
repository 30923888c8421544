import { ScimError } from './scim.errors';
import type { ScimJson } from './scim-json';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_LIST_RESPONSE_SCHEMA } from './scim-schemas';

/** RFC 7644 §3.4.2.4: `count` when the client gives none, and the most one page holds. */
export const SCIM_DEFAULT_COUNT = 100;
export const SCIM_MAX_COUNT = 1000;

export interface ScimPage {
  /** 1-based, as the ListResponse states it. */
  readonly startIndex: number;
  readonly count: number;
}

/** `startIndex` below 1 counts as 1 and a negative `count` as 0 (RFC 7644 §3.4.2.4); more than the maximum is capped; not an integer: 400 invalidValue. */
export function readPage(startIndex: string | undefined, count: string | undefined): ScimPage {
  const start = integerOf(startIndex, 'startIndex') ?? 1;
  const size = integerOf(count, 'count') ?? SCIM_DEFAULT_COUNT;
  return { startIndex: Math.max(1, start), count: Math.min(SCIM_MAX_COUNT, Math.max(0, size)) };
}

function integerOf(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^-?\d{1,12}$/.test(text.trim())) throw ScimError.badRequest('invalidValue', `"${name}" must be an integer.`);
  return Number(text.trim());
}

export interface ScimListResponse {
  readonly schemas: readonly [typeof SCIM_LIST_RESPONSE_SCHEMA];
  readonly totalResults: number;
  readonly itemsPerPage: number;
  readonly startIndex: number;
  readonly Resources: readonly ScimJson[];
}

export function listResponse(resources: readonly ScimJson[], totalResults: number, startIndex: number): ScimListResponse {
  return { schemas: [SCIM_LIST_RESPONSE_SCHEMA], totalResults, itemsPerPage: resources.length, startIndex, Resources: resources };
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) over top-level attributes (a sub-attribute
 * selects or excludes its whole attribute; the enterprise extension is one attribute); id, schemas
 * and meta are always returned.
 */
export function projection(attributes: string | undefined, excludedAttributes: string | undefined): (resource: ScimJson) => ScimJson {
  const only = namesOf(attributes);
  const excluded = namesOf(excludedAttributes);
  if (only === undefined && excluded === undefined) return (resource) => resource;
  const always = new Set(['id', 'schemas', 'meta']);
  return (resource) =>
    Object.fromEntries(
      Object.entries(resource).filter(([key]) => {
        const name = key.toLowerCase();
        if (always.has(name)) return true;
        if (only !== undefined) return only.has(name);
        return excluded?.has(name) !== true;
      }),
    );
}

/** Whether a projection leaves `attribute` out (so a query need not fetch it). */
export function excludes(excludedAttributes: string | undefined, attribute: string): boolean {
  return namesOf(excludedAttributes)?.has(attribute.toLowerCase()) === true;
}

function namesOf(list: string | undefined): Set<string> | undefined {
  if (list === undefined || list.trim() === '') return undefined;
  return new Set(list.split(',').map((entry) => topLevelName(entry.trim())));
}

function topLevelName(path: string): string {
  const lower = path.toLowerCase();
  const enterprise = SCIM_ENTERPRISE_USER_SCHEMA.toLowerCase();
  if (lower.startsWith(enterprise)) return enterprise;
  const local = /^urn:.*:/.test(lower) ? lower.slice(lower.lastIndexOf(':') + 1) : lower;
  return local.split('.')[0] ?? local;
}
