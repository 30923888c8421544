import { randomBytes } from 'node:crypto';
import { ChangeError, ChangeErrorCode } from '../../domain';
import type { WindowScope } from '../../domain';
import type { ConfigurationItems } from '../ports/change-references.port';

/** A new calendar record id: 24 lower-case hex digits (an ObjectId, the store's `_id`). */
export function newCalendarId(): string {
  return randomBytes(12).toString('hex');
}

export const CALENDAR_ID = /^[0-9a-f]{24}$/;

/**
 * Refuses CI and service ids the change context's CMDB projection does not know as live (services:
 * as service CIs). CI classes are not projected: a class window names any class id.
 */
export async function requireKnownTargets(cis: ConfigurationItems, scope: WindowScope | 'blackout', ids: readonly string[]): Promise<void> {
  if (scope === 'ci_class' || ids.length === 0) return;
  const found = await cis.find(ids);
  for (const id of ids) {
    const ci = found.get(id);
    const wantsService = scope !== 'ci';
    if (ci === undefined || ci.retired || (wantsService && !ci.service)) {
      const what = wantsService ? 'a live service CI' : 'a live CI';
      throw new ChangeError(ChangeErrorCode.UnknownConfigurationItem, `"${id}" is not ${what} in the change context's CMDB projection`, { field: scope === 'blackout' ? 'serviceIds' : 'targetId', id });
    }
  }
}

export function windowNotFound(id: string): ChangeError {
  return new ChangeError(ChangeErrorCode.WindowNotFound, `No calendar window "${id}"`, { id });
}

export function staleWindow(id: string, expectedVersion: number): ChangeError {
  return new ChangeError(ChangeErrorCode.Conflict, `Window "${id}" is not at version ${expectedVersion} (changed meanwhile): read it again`, { id, expectedVersion });
}
