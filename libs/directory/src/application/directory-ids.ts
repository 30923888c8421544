import { randomBytes } from 'node:crypto';
import { ENTITY_ID, REFERENCE_KEY } from '../domain';
import { invalidInput } from '../domain';

/** A new directory id: 24 lower-case hex digits (also a valid chosen group key). */
export function newDirectoryId(): string {
  return randomBytes(12).toString('hex');
}

/** A chosen person id (demo data, admin) as the contract allows it, or a new one. */
export function personIdFor(chosen: string | undefined): string {
  if (chosen === undefined) return newDirectoryId();
  if (!ENTITY_ID.test(chosen)) throw invalidInput('id', `"${chosen}" is not an id (letters, digits, . _ : @ -; at most 64)`);
  return chosen;
}

/** A chosen group id (demo data, admin: 2-63 lower-case letters, digits or -), or a new one. */
export function groupIdFor(chosen: string | undefined): string {
  if (chosen === undefined) return newDirectoryId();
  if (!REFERENCE_KEY.test(chosen)) throw invalidInput('id', `"${chosen}" is not a group id (2-63 lower-case letters, digits or -)`);
  return chosen;
}
