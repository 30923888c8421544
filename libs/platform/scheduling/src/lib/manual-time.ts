import { Clock } from '@itsm/platform/config';
import type { TimerHandle, TimerOptions, Timers } from './timers';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Lets every promise chain that is ready run (the real event loop turns; only the injected timers are manual). */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock and timers moved by hand, for tests of periodic jobs and timer wheels: `advance(ms)`
 * moves the clock to each pending timer in turn, runs it and lets the promises it started settle.
 */
export class ManualTime extends Clock implements Timers {
  private current: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start: number) {
    super();
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  get millis(): number {
    return this.current;
  }

  /** Timers armed and not yet run or cleared. */
  get pendingTimers(): number {
    return this.pending.length;
  }

  setTimeout(callback: () => void, ms: number, _options?: TimerOptions): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, at: this.current + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    for (;;) {
      const next = this.pending.filter((p) => p.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (next === undefined) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.current = Math.max(this.current, next.at);
      next.callback();
      await settle();
    }
    this.current = until;
    await settle();
  }
}
