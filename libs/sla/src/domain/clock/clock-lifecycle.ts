import type { CancelReason, SlaClock } from './derive-clocks';

/**
 * A change of a clock attempt the world is told about, with what its event says: the instant it
 * happened, the breach instant in force from then, and the business time used by then.
 */
export type LifecycleChange =
  | { readonly kind: 'started'; readonly at: number; readonly dueAt: number }
  | { readonly kind: 'paused'; readonly at: number; readonly dueAt: number; readonly elapsedMs: number }
  | { readonly kind: 'rescheduled'; readonly at: number; readonly dueAt: number; readonly elapsedMs: number }
  | { readonly kind: 'stopped'; readonly at: number; readonly dueAt: number; readonly elapsedMs: number; readonly pausedMs: number; readonly outcome: 'met' | 'breached' }
  | { readonly kind: 'canceled'; readonly at: number; readonly dueAt: number; readonly elapsedMs: number; readonly reason: CancelReason };

/** A lifecycle event a clock owes the world, once per key. */
export interface LifecycleEmission {
  /** `<clock id>:started`, `:paused:<n>`, `:rescheduled:<n>`, `:stopped:<n>`, `:canceled`: stable across replays; the event id derives from it. */
  readonly key: string;
  readonly clockId: string;
  readonly change: LifecycleChange;
}

/**
 * The lifecycle events a clock attempt owes, as derived: it started; its latest pause; its latest
 * resume or reopening (`rescheduled`: the breach instant moved); its latest stop (`breached` when
 * the breach threshold was reached at or before the stop, as the engine's `breached` stage and its
 * breach event say, else `met`); its cancellation (a reset, no longer applying, the ticket
 * canceled: neither met nor breached). Keys name the clock attempt and the occurrence, so each is
 * emitted once whoever derives it, and a reopened clock's next stop is a new event. Only the latest
 * pause and resume are owed: an earlier one a replay finds (a definition attached retroactively)
 * is superseded history.
 */
export function lifecycleEmissions(clock: SlaClock): LifecycleEmission[] {
  const { clockId, changes } = clock;
  const owed: LifecycleEmission[] = [{ key: `${clockId}:started`, clockId, change: { kind: 'started', at: clock.startedAt, dueAt: clock.originalBreachAt } }];
  const { lastPause, lastResume, lastStop, cancel } = changes;
  if (lastPause !== null) owed.push({ key: `${clockId}:paused:${changes.pauses}`, clockId, change: { kind: 'paused', ...lastPause } });
  if (lastResume !== null) owed.push({ key: `${clockId}:rescheduled:${changes.resumes}`, clockId, change: { kind: 'rescheduled', ...lastResume } });
  if (lastStop !== null) {
    const outcome = lastStop.dueAt <= lastStop.at ? 'breached' : 'met';
    owed.push({ key: `${clockId}:stopped:${changes.stops}`, clockId, change: { kind: 'stopped', ...lastStop, outcome } });
  }
  if (cancel !== null && clock.cancelReason !== null) owed.push({ key: `${clockId}:canceled`, clockId, change: { kind: 'canceled', ...cancel, reason: clock.cancelReason } });
  return owed;
}

/** Within one instant: a clock starts, then pauses, resumes, stops or is cancelled. */
const RANK: Readonly<Record<LifecycleChange['kind'], number>> = { started: 0, paused: 1, rescheduled: 2, stopped: 3, canceled: 4 };

/**
 * The lifecycle events the clocks owe that are not `written` yet (keys), in the order they
 * happened (then started, paused, rescheduled, stopped, canceled; then by key).
 */
export function unwrittenLifecycle(clocks: readonly SlaClock[], written: ReadonlySet<string>): LifecycleEmission[] {
  return clocks
    .flatMap(lifecycleEmissions)
    .filter((e) => !written.has(e.key))
    .sort((a, b) => a.change.at - b.change.at || RANK[a.change.kind] - RANK[b.change.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The live clocks (running or paused) of a ticket's previous derivation whose start was written and
 * that the current derivation no longer has: their definition was deactivated, or changed so that
 * it no longer applies to the ticket. Each owes its cancellation (`no_longer_applies`) at `at`,
 * with the elapsed time and breach instant as last derived, so reporting does not keep it open.
 */
export function vanishedClocks(previous: readonly SlaClock[], current: readonly SlaClock[], written: ReadonlySet<string>, at: number): LifecycleEmission[] {
  const present = new Set(current.map((c) => c.clockId));
  return previous
    .filter((c) => !present.has(c.clockId) && c.stoppedAt === null && c.cancelledAt === null && written.has(`${c.clockId}:started`) && !written.has(`${c.clockId}:canceled`))
    .map((c) => ({
      key: `${c.clockId}:canceled`,
      clockId: c.clockId,
      change: { kind: 'canceled', at, dueAt: c.breachAt ?? c.originalBreachAt, elapsedMs: c.elapsedMs, reason: 'no_longer_applies' },
    }));
}
