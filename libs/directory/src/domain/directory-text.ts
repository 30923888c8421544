import { controlCharacterIndex } from '@itsm/contracts';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';

/** DIRECTORY.INVALID_INPUT naming the field. */
export function invalidInput(field: string, message: string): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.InvalidInput, message, { field });
}

/** Trimmed text of 1 to `max` characters without control characters (tab and newline neither: names are one line). */
export function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw invalidInput(field, `${field} has 1 to ${max} characters`);
  if (controlCharacterIndex(text) >= 0 || /[\t\n]/.test(text)) throw invalidInput(field, `${field} contains a control character`);
  return text;
}

/** `requiredText`, or null for null or blank. */
export function optionalText(value: string | null, field: string, max: number): string | null {
  return value === null || value.trim() === '' ? null : requiredText(value, field, max);
}

/** A key or id matching `pattern`, or null. */
export function optionalKey(value: string | null, field: string, pattern: RegExp, what: string): string | null {
  if (value === null) return null;
  if (!pattern.test(value)) throw invalidInput(field, `${field} is not ${what}`);
  return value;
}

/** Role names as the contract allows them, each once, at most `max`. */
export function normaliseRoles(roles: readonly string[], field: string, pattern: RegExp, max: number): string[] {
  const unique = [...new Set(roles)];
  for (const role of unique) if (!pattern.test(role)) throw invalidInput(field, `role "${role}" is not a role name (2-40 lower-case letters or -)`);
  if (unique.length > max) throw invalidInput(field, `at most ${max} roles`);
  return unique;
}
