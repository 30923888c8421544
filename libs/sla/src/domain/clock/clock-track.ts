import type { CompiledCalendar } from '../calendar';
import type { ClockConditions } from '../definition/sla-definition';

export type TrackStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'cancelled';

/** One threshold of a clock: reached in the past, or due at a projected instant while running. */
export interface ThresholdState {
  readonly percent: number;
  readonly reachedAt: number | null;
  readonly dueAt: number | null;
}

/**
 * One pause, resume (or reopen) or stop of a clock attempt: when, the business time used by then,
 * and the breach instant in force from then (reached, or where the remaining target ends when the
 * clock runs on from `at`).
 */
export interface TrackChange {
  readonly at: number;
  readonly elapsedMs: number;
  readonly dueAt: number;
}

/** How often a clock attempt paused, resumed (or reopened) and stopped, and the latest of each: what its lifecycle events say. */
export interface TrackChanges {
  readonly pauses: number;
  readonly lastPause: TrackChange | null;
  readonly resumes: number;
  readonly lastResume: TrackChange | null;
  readonly stops: number;
  readonly lastStop: (TrackChange & { readonly pausedMs: number }) | null;
}

/**
 * The state machine of one clock attempt over a run of ticket states, measuring business time on
 * its calendar. Mutable while a timeline is replayed; `snapshot` reads it out.
 */
export class ClockTrack {
  status: TrackStatus = 'idle';
  startedAt: number | null = null;
  stoppedAt: number | null = null;
  cancelledAt: number | null = null;
  elapsedMs = 0;
  pausedMs = 0;
  originalBreachAt: number | null = null;
  changes: TrackChanges = { pauses: 0, lastPause: null, resumes: 0, lastResume: null, stops: 0, lastStop: null };
  private readonly reached = new Map<number, number>();

  constructor(
    private readonly conditions: ClockConditions,
    private readonly calendar: CompiledCalendar,
    readonly targetMs: number,
    /** Warning percentages plus 100 (the breach), ascending. */
    readonly thresholds: readonly number[],
  ) {}

  /** Entering `state` would restart this attempt (the caller starts a new track). */
  resetBy(state: string): boolean {
    return this.conditions.reset.includes(state) && (this.status === 'running' || this.status === 'paused' || this.status === 'stopped');
  }

  /** The ticket is in `state` from `at` (an attribute-only event repeats the state: harmless). */
  transition(state: string, at: number): void {
    const c = this.conditions;
    if (this.status === 'cancelled') return;
    switch (this.status) {
      case 'idle':
        if (c.start.includes(state)) this.begin(at);
        break;
      case 'running':
        if (c.cancel.includes(state)) this.cancel(at);
        else if (c.stop.includes(state)) this.stop(at);
        else if (c.pause.includes(state)) this.pause(at);
        break;
      case 'paused':
        if (c.cancel.includes(state)) this.cancel(at);
        else if (c.stop.includes(state)) this.stop(at);
        else if (c.resume.length > 0 ? c.resume.includes(state) : !c.pause.includes(state)) this.resume(at);
        break;
      case 'stopped':
        // A finished clock keeps its outcome when the ticket is cancelled afterwards (compliance
        // reporting counts it); a reopened ticket resumes it, the time spent stopped not counted.
        if (c.start.includes(state)) {
          this.stoppedAt = null;
          this.resume(at);
        }
        break;
    }
  }

  /** Time passes from `from` to `to` in the current status. */
  advance(from: number, to: number): void {
    if (to <= from) return;
    if (this.status === 'paused') this.pausedMs += this.calendar.businessTimeBetween(from, to);
    if (this.status !== 'running') return;
    const delta = this.calendar.businessTimeBetween(from, to);
    for (const percent of this.thresholds) {
      if (this.reached.has(percent)) continue;
      const mark = this.markMs(percent);
      if (mark > this.elapsedMs && mark <= this.elapsedMs + delta) {
        this.reached.set(percent, this.calendar.addBusinessTime(from, mark - this.elapsedMs));
      }
    }
    this.elapsedMs += delta;
  }

  /** Ends the track at `at` as if the ticket had stopped it (a segment handed over). */
  end(at: number): void {
    if (this.status === 'running' || this.status === 'paused') this.stop(at);
  }

  cancel(at: number): void {
    this.status = 'cancelled';
    this.cancelledAt = at;
  }

  markMs(percent: number): number {
    return Math.round((this.targetMs * percent) / 100);
  }

  /** Thresholds reached, and for a running track the instants the others fall due from `asOf`. */
  thresholdStates(asOf: number): ThresholdState[] {
    return this.thresholds.map((percent) => {
      const reachedAt = this.reached.get(percent) ?? null;
      const dueAt =
        reachedAt === null && this.status === 'running' ? this.calendar.addBusinessTime(asOf, this.markMs(percent) - this.elapsedMs) : null;
      return { percent, reachedAt, dueAt };
    });
  }

  breachedAt(): number | null {
    return this.reached.get(100) ?? null;
  }

  /** The breach instant in force at `at`: reached already, or where the remaining target ends if the clock runs on from `at`. */
  dueAtFrom(at: number): number {
    return this.breachedAt() ?? this.calendar.addBusinessTime(at, Math.max(0, this.targetMs - this.elapsedMs));
  }

  private change(at: number): TrackChange {
    return { at, elapsedMs: this.elapsedMs, dueAt: this.dueAtFrom(at) };
  }

  private pause(at: number): void {
    this.status = 'paused';
    this.changes = { ...this.changes, pauses: this.changes.pauses + 1, lastPause: this.change(at) };
  }

  private resume(at: number): void {
    this.status = 'running';
    this.changes = { ...this.changes, resumes: this.changes.resumes + 1, lastResume: this.change(at) };
  }

  private begin(at: number): void {
    this.status = 'running';
    this.startedAt = at;
    this.originalBreachAt = this.calendar.addBusinessTime(at, this.targetMs);
  }

  private stop(at: number): void {
    this.status = 'stopped';
    this.stoppedAt = at;
    this.changes = { ...this.changes, stops: this.changes.stops + 1, lastStop: { ...this.change(at), pausedMs: this.pausedMs } };
  }
}
