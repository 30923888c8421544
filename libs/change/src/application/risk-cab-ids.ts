import { randomBytes } from 'node:crypto';
import { ChangeError, ChangeErrorCode } from '../domain/change.errors';

const CHOSEN_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A chosen id for a risk rule or CAB meeting (demo data, admin: 2-63 lower-case letters, digits or -), or a new one. */
export function riskCabIdFor(chosen: string | undefined): string {
  if (chosen === undefined) return randomBytes(12).toString('hex');
  if (!CHOSEN_ID.test(chosen)) throw new ChangeError(ChangeErrorCode.InvalidInput, `"${chosen}" is not an id (2-63 lower-case letters, digits or -)`, { field: 'id' });
  return chosen;
}
