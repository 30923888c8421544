/** An armed timer, as the source that armed it knows it. */
export type TimerHandle = unknown;

export interface TimerOptions {
  /** The timer does not keep the process alive (Node's `unref`): for background polls. */
  readonly unref?: boolean;
}

/** The timer source of the scheduling kit, injected so tests drive time by hand (ManualTime). */
export interface Timers {
  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers. */
export const systemTimers: Timers = {
  setTimeout(callback, ms, options) {
    const handle = setTimeout(callback, ms);
    if (options?.unref === true) handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout | undefined);
  },
};

/** Resolves after `ms` on `timers`. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
