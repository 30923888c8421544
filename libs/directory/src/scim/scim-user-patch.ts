import { scimPatch, ScimError as ScimPatchLibraryError } from 'scim-patch';
import type { ScimPatchOperation as LibraryOperation, ScimResource } from 'scim-patch';
import type { PersonInput } from '../application/directory-inputs';
import type { Person } from '../domain';
import { ScimError } from './scim.errors';
import { isScimObject } from './scim-json';
import type { ScimJson } from './scim-json';
import type { ScimPatchOperation } from './scim-patch-request';
import { personInputFromScim, toScimUser } from './scim-user.mapper';
import type { PersonKeptFacts } from './scim-user.mapper';

/**
 * A person after a SCIM PATCH: the normalised operations applied by scim-patch to the person's
 * current SCIM User, the result read back as a whole (every value checked). Throws before anything
 * is saved: the caller replaces the person only with what this returns.
 */
export function patchPerson(current: Person, operations: readonly ScimPatchOperation[], kept: PersonKeptFacts, baseUrl: string): PersonInput {
  const before = toScimUser(current, baseUrl);
  const resource: ScimResource & ScimJson = { ...before, schemas: [...scimSchemas(before)], meta: { created: current.createdAt, lastModified: current.updatedAt } };
  let patched: ScimJson;
  try {
    patched = scimPatch(resource, operations.map(toLibraryOperation), { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    if (error instanceof ScimPatchLibraryError) throw ScimError.badRequest(error.scimCode === 'noTarget' ? 'noTarget' : 'invalidValue', error.message);
    throw error;
  }
  return personInputFromScim(withFormattedName(patched, current.displayName), kept);
}

export function toLibraryOperation(operation: ScimPatchOperation): LibraryOperation {
  const path = operation.path.canonical;
  if (operation.op === 'remove') return operation.value === undefined ? { op: 'remove', path } : { op: 'remove', path, value: operation.value };
  return { op: operation.op, path, value: operation.value };
}

function scimSchemas(resource: ScimJson): string[] {
  const schemas = resource['schemas'];
  return Array.isArray(schemas) ? schemas.filter((urn): urn is string => typeof urn === 'string') : [];
}

/** A PATCH of name.formatted alone (not displayName) renames the person: the User carries the display name in both. */
function withFormattedName(patched: ScimJson, displayName: string): ScimJson {
  const name = patched['name'];
  const formatted = isScimObject(name) ? name['formatted'] : undefined;
  if (patched['displayName'] === displayName && typeof formatted === 'string' && formatted !== displayName) return { ...patched, displayName: formatted };
  return patched;
}
