import { ScimError } from './scim.errors';
import type { ScimType } from './scim.errors';
import { findAttribute } from './scim-schemas';
import type { ScimAttribute } from './scim-schemas';

/*
 * Reading SCIM JSON from outside: every value is checked for its type with a clear 400, and
 * "True"/"False" strings count as booleans (Microsoft Entra ID sends `active` that way).
 */

export type ScimJson = Record<string, unknown>;

export function isScimObject(value: unknown): value is ScimJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, what: string, scimType: ScimType = 'invalidSyntax'): ScimJson {
  if (!isScimObject(value)) throw ScimError.badRequest(scimType, `${what} must be a JSON object.`);
  return value;
}

/** A string attribute: absent, null and "" are null (unassigned, RFC 7643 §2.5). */
export function optionalText(value: unknown, name: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw ScimError.badRequest('invalidValue', `"${name}" must be a string.`);
  return value;
}

export function requiredText(value: unknown, name: string): string {
  const text = optionalText(value, name);
  if (text === null || text.trim() === '') throw ScimError.badRequest('invalidValue', `"${name}" is required.`);
  return text;
}

/** true/false, or the strings "True"/"False" in any case; absent or null: `fallback`. */
export function optionalBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw ScimError.badRequest('invalidValue', `"${name}" must be true or false.`);
}

/** A multi-valued attribute: absent or null is empty; a single object counts as a list of one. */
export function optionalList(value: unknown, name: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isScimObject(value)) return [value];
  throw ScimError.badRequest('invalidValue', `"${name}" must be a list.`);
}

/**
 * The attributes of `object` by their canonical names (matched case-insensitively): an attribute the
 * schema does not define is refused (400 invalidValue); readOnly ones (id, meta, groups) and those the
 * directory does not keep are dropped (RFC 7644 §3.3, §3.5.1). `passThrough` keys are left to the caller.
 */
export function readAttributes(object: ScimJson, attributes: readonly ScimAttribute[], where: string, passThrough: (key: string) => boolean = () => false): Map<string, unknown> {
  const read = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    if (passThrough(key)) continue;
    const attribute = findAttribute(attributes, key);
    if (attribute === undefined) throw ScimError.badRequest('invalidValue', `Unknown attribute "${key}" in ${where}.`);
    if (attribute.mutability === 'readOnly' || attribute.kept === false) continue;
    read.set(attribute.name, value);
  }
  return read;
}

/** The value of `object`'s key `name`, matched case-insensitively (SCIM names are, RFC 7643 §2.1). */
export function valueOf(object: ScimJson, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : object[key];
}
