import type { Viewer } from '../domain';
import { IncidentError, IncidentErrorCode } from '../domain';

/** Natural keys of organisations and groups: 2-63 lower-case letters, digits or -. */
export const REFERENCE_KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Reference data is edited by admins (and loaded as demo data by the system). */
export function requireAdmin(viewer: Viewer): void {
  if (!viewer.roles.includes('admin')) throw new IncidentError(IncidentErrorCode.Forbidden, 'only admins edit reference data');
}

export function requireValid(ok: boolean, field: string, message: string): void {
  if (!ok) throw new IncidentError(IncidentErrorCode.InvalidInput, message, { field });
}

/** A display name: 1 to 120 characters, trimmed. */
export function requireName(name: string): string {
  requireValid(name.trim().length > 0 && name.length <= 120, 'name', 'a name has 1 to 120 characters');
  return name.trim();
}
