import type { ZoneOffsets } from '@itsm/recurrence';
import type { Interval } from './intervals';
import { compileRecurringWindow, expandRecurringWindow, invalidWindow, windowText } from './recurring-window';
import type { CompiledRecurringWindow, RecurringWindowSpec } from './recurring-window';

/** What a maintenance window applies to: one CI, every CI of a service, or every CI of a class. */
export const WINDOW_SCOPES = ['ci', 'service', 'ci_class'] as const;
export type WindowScope = (typeof WINDOW_SCOPES)[number];

/** A recurring maintenance window as an admin defines it. */
export interface MaintenanceWindowSpec extends RecurringWindowSpec {
  readonly name: string;
  readonly scope: WindowScope;
  /** The CI, service CI or CI class id the scope names. */
  readonly targetId: string;
}

export interface MaintenanceWindow extends MaintenanceWindowSpec {
  readonly id: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** A checked window ready to expand (its rule parsed once). */
export interface CompiledMaintenanceWindow extends CompiledRecurringWindow {
  readonly id: string;
  readonly name: string;
  readonly scope: WindowScope;
  readonly targetId: string;
}

/**
 * Checks an admin's window and compiles it: name, scope and target, then its recurrence
 * (recurring-window.ts). Throws ChangeError (InvalidInput, InvalidRecurrence, UnknownTimeZone)
 * naming the field.
 */
export function compileMaintenanceWindow(id: string, spec: MaintenanceWindowSpec): CompiledMaintenanceWindow {
  const name = windowText(spec.name, 'name', 200);
  if (!(WINDOW_SCOPES as readonly string[]).includes(spec.scope)) throw invalidWindow('scope', `scope must be one of ${WINDOW_SCOPES.join(', ')}`);
  const targetId = windowText(spec.targetId, 'targetId', 200);
  return { ...compileRecurringWindow(spec), id, name, scope: spec.scope, targetId };
}

/** The window's occurrences that overlap `range`, as UTC intervals, ascending (see expandRecurringWindow). */
export function expandMaintenanceWindow(window: CompiledMaintenanceWindow, range: Interval, offsets?: ZoneOffsets): Interval[] {
  return expandRecurringWindow(window, range, offsets);
}
