import { ChangeError, ChangeErrorCode } from '../change.errors';

/** A freeze: no change may be scheduled into it (emergency changes may override it, with a reason). */
export interface BlackoutWindowSpec {
  readonly name: string;
  /** Why the freeze exists (mandatory: the reason is shown on every refused change). */
  readonly reason: string;
  /** The service CIs it freezes; empty: global, every change. */
  readonly serviceIds: readonly string[];
  readonly start: Date;
  /** Exclusive; after start. */
  readonly end: Date;
}

export interface BlackoutWindow extends BlackoutWindowSpec {
  readonly id: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

const MAX_SPAN_MS = 366 * 86_400_000;

function refuse(field: string, message: string): ChangeError {
  return new ChangeError(ChangeErrorCode.InvalidInput, message, { field });
}

/**
 * Checks a blackout and returns it normalised (trimmed texts, services deduplicated): a name, a
 * reason, a real start and an end after it (at most a year later). Throws ChangeError(InvalidInput)
 * naming the field.
 */
export function checkBlackoutWindow(spec: BlackoutWindowSpec): BlackoutWindowSpec {
  const name = typeof spec.name === 'string' ? spec.name.trim() : '';
  if (name === '' || name.length > 200) throw refuse('name', 'A blackout needs a name of at most 200 characters');
  const reason = typeof spec.reason === 'string' ? spec.reason.trim() : '';
  if (reason === '' || reason.length > 2000) throw refuse('reason', 'A blackout needs a reason (at most 2000 characters): it is shown on every change it refuses');
  const start = spec.start instanceof Date ? spec.start.getTime() : Number.NaN;
  const end = spec.end instanceof Date ? spec.end.getTime() : Number.NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw refuse('start', 'A blackout needs a valid start and end');
  if (end <= start) throw refuse('end', 'A blackout must end after it starts');
  if (end - start > MAX_SPAN_MS) throw refuse('end', 'A blackout may last at most 366 days');
  if (!Array.isArray(spec.serviceIds) || spec.serviceIds.some((id) => typeof id !== 'string' || id.trim() === '')) {
    throw refuse('serviceIds', 'serviceIds must be service CI ids');
  }
  return { name, reason, serviceIds: [...new Set(spec.serviceIds)], start: new Date(start), end: new Date(end) };
}
