import { ChangeError, ChangeErrorCode } from './change.errors';
import type { ChangePlans, TimeWindow } from './change.model';

/** Field limits (the contract's where it has them). */
export const LIMITS = { title: 200, description: 20_000, plan: 20_000, reason: 2_000, closeNotes: 4_000, configurationItems: 100, services: 50 } as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

export function invalid(field: string, message: string): ChangeError {
  return new ChangeError(ChangeErrorCode.InvalidInput, `${field}: ${message}`, { field });
}

/** Trimmed text of 1..max characters (or 0..max when optional). */
export function text(field: string, value: string, max: number, required = true): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `at most ${max} characters`);
  return trimmed;
}

export function reasonText(field: string, value: string | null | undefined, required: boolean): string | null {
  if (value === null || value === undefined || value.trim() === '') {
    if (required) throw invalid(field, 'a reason is required');
    return null;
  }
  return text(field, value, LIMITS.reason);
}

export function idList(field: string, ids: readonly string[], max: number): string[] {
  if (ids.length > max) throw invalid(field, `at most ${max}`);
  for (const id of ids) if (!ID.test(id)) throw invalid(field, `"${id}" is not an id`);
  return [...new Set(ids)];
}

export function optionalId(field: string, id: string | null): string | null {
  if (id === null) return null;
  if (!ID.test(id)) throw invalid(field, `"${id}" is not an id`);
  return id;
}

/** A planned window: both instants valid, end after start. */
export function plannedWindow(window: TimeWindow | null): TimeWindow | null {
  if (window === null) return null;
  if (Number.isNaN(window.start.getTime()) || Number.isNaN(window.end.getTime())) throw invalid('planned', 'start and end must be instants');
  if (window.end.getTime() <= window.start.getTime()) throw invalid('planned', 'end must be after start');
  return { start: new Date(window.start), end: new Date(window.end) };
}

export function plans(value: ChangePlans): ChangePlans {
  return {
    implementation: text('plans.implementation', value.implementation, LIMITS.plan, false),
    backout: text('plans.backout', value.backout, LIMITS.plan, false),
    test: text('plans.test', value.test, LIMITS.plan, false),
  };
}

export const EMPTY_PLANS: ChangePlans = { implementation: '', backout: '', test: '' };

/** The plans that are still empty. */
export function missingPlans(value: ChangePlans): (keyof ChangePlans)[] {
  return (['implementation', 'backout', 'test'] as const).filter((key) => value[key].trim() === '');
}
