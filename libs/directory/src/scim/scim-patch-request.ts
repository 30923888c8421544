import { ScimError } from './scim.errors';
import { isScimObject, requireObject, valueOf } from './scim-json';
import { resolvePath, schemaNamed } from './scim-path';
import type { ResolvedPath } from './scim-path';
import { SCIM_PATCH_OP_SCHEMA } from './scim-schemas';
import type { ScimResourceSchemas, ScimSchema } from './scim-schemas';

/*
 * A SCIM PATCH request (RFC 7644 §3.5.2) read and normalised before anything is applied, so a bad
 * operation anywhere in it fails the whole request and nothing is written. What identity providers
 * really send is normalised here: `op` in any case ("Replace", "ADD"), an operation without `path`
 * whose value is an object of attributes (one operation per attribute, keys may be paths such as
 * `emails[type eq "work"].value` or `urn:...:enterprise:2.0:User:department`), and an extension
 * named as a whole (`"path": "urn:...:enterprise:2.0:User"`).
 */

export type ScimPatchVerb = 'add' | 'replace' | 'remove';
const VERBS: readonly ScimPatchVerb[] = ['add', 'replace', 'remove'];

export interface ScimPatchOperation {
  readonly op: ScimPatchVerb;
  /** Always resolved: an operation without a path was split into one per attribute. */
  readonly path: ResolvedPath;
  /** Absent only for remove. */
  readonly value?: unknown;
}

export function readPatchRequest(body: unknown, schemas: ScimResourceSchemas): readonly ScimPatchOperation[] {
  const request = requireObject(body, 'A PATCH request');
  const listed = valueOf(request, 'schemas');
  if (!Array.isArray(listed) || !listed.some((urn) => typeof urn === 'string' && urn.toLowerCase() === SCIM_PATCH_OP_SCHEMA.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must name ${SCIM_PATCH_OP_SCHEMA}.`);
  }
  const operations = valueOf(request, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw ScimError.badRequest('invalidSyntax', '"Operations" must be a non-empty list.');
  return operations.flatMap((operation, index) => readOperation(operation, index, schemas));
}

function readOperation(raw: unknown, index: number, schemas: ScimResourceSchemas): ScimPatchOperation[] {
  const where = `Operations[${index}]`;
  const operation = requireObject(raw, where);
  const verb = valueOf(operation, 'op');
  const op = VERBS.find((known) => typeof verb === 'string' && known === verb.toLowerCase());
  if (op === undefined) throw ScimError.badRequest('invalidSyntax', `${where}.op must be add, replace or remove.`);
  const path = valueOf(operation, 'path');
  const hasValue = Object.keys(operation).some((key) => key.toLowerCase() === 'value');
  const value = valueOf(operation, 'value');
  if (path !== undefined && path !== null && typeof path !== 'string') throw ScimError.badRequest('invalidSyntax', `${where}.path must be a string.`);
  if (op !== 'remove' && !hasValue) throw ScimError.badRequest('invalidSyntax', `${where} (${op}) needs a value.`);

  if (typeof path !== 'string' || path.trim() === '') {
    if (op === 'remove') throw ScimError.badRequest('noTarget', `${where}: remove needs a path.`);
    if (!isScimObject(value)) throw ScimError.badRequest('invalidSyntax', `${where}: without a path, the value is an object of attributes.`);
    return attributesOf(value, schemas, where).map(([attributePath, attributeValue]) => checked(op, attributePath, attributeValue, schemas));
  }
  const extension = schemaNamed(schemas, path.trim());
  if (extension !== undefined) {
    if (op === 'remove') return extensionAttributes(extension).map((attributePath) => checked(op, attributePath, undefined, schemas));
    if (!isScimObject(value)) throw ScimError.badRequest('invalidValue', `${where}: the value of ${extension.id} is an object of attributes.`);
    return Object.entries(value).map(([key, attributeValue]) => checked(op, `${extension.id}:${key}`, attributeValue, schemas));
  }
  return [checked(op, path.trim(), hasValue ? value : undefined, schemas)];
}

/** The (path, value) pairs of a path-less operation's value: URN keys of a whole extension open up. */
function attributesOf(value: Record<string, unknown>, schemas: ScimResourceSchemas, where: string): [string, unknown][] {
  return Object.entries(value)
    .filter(([key]) => key.toLowerCase() !== 'schemas')
    .flatMap(([key, attributeValue]): [string, unknown][] => {
      const extension = schemaNamed(schemas, key);
      if (extension === undefined) return [[key, attributeValue]];
      if (!isScimObject(attributeValue)) throw ScimError.badRequest('invalidValue', `${where}: the value of ${extension.id} is an object of attributes.`);
      return Object.entries(attributeValue).map(([inner, innerValue]): [string, unknown] => [`${extension.id}:${inner}`, innerValue]);
    });
}

function extensionAttributes(extension: ScimSchema): string[] {
  return extension.attributes.filter((attribute) => attribute.mutability !== 'readOnly').map((attribute) => `${extension.id}:${attribute.name}`);
}

/** Resolves the path (400 invalidPath) and refuses writes to readOnly attributes (400 mutability). */
function checked(op: ScimPatchVerb, path: string, value: unknown, schemas: ScimResourceSchemas): ScimPatchOperation {
  const resolved = resolvePath(schemas, path, 'invalidPath');
  if (resolved.attribute.mutability === 'readOnly' || resolved.subAttribute?.mutability === 'readOnly') {
    throw ScimError.badRequest('mutability', `"${path}" is read-only.`);
  }
  return value === undefined ? { op, path: resolved } : { op, path: resolved, value };
}
