import type { Timers } from './timers';
import { systemTimers } from './timers';

export interface JobLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PeriodicJobOptions {
  /** Names the job in its logs. */
  readonly name: string;
  /** Pause between the end of one run and the start of the next (the first run is one pause after start). */
  readonly everyMs: number;
  /** One run. A failure is logged and the job runs again after the next pause. */
  readonly run: () => Promise<unknown> | unknown;
  readonly logger: JobLogger;
  /** How a failed run is logged: `error` (default), or `warn` for an expected, transient failure (a poll). */
  readonly failureLevel?: 'warn' | 'error';
  /** The log message of a failed run (default: "<name> failed; retrying at the next interval"). */
  readonly failureMessage?: string;
  /** Injected in tests (ManualTime); Node's timers otherwise. Timers are unref'd: a job never keeps the process alive. */
  readonly timers?: Timers;
}

/**
 * Runs `run` every `everyMs`, never two runs at once (the next pause starts when a run ends), until
 * stopped; `stop` waits for a run in progress. Start and stop it explicitly, or register it as a
 * Nest provider (a factory's value): Nest calls its bootstrap and shutdown hooks.
 */
export class PeriodicJob {
  private readonly timers: Timers;
  private handle: unknown;
  private running: Promise<void> | null = null;
  private started = false;

  constructor(private readonly options: PeriodicJobOptions) {
    if (!(options.everyMs > 0)) throw new RangeError(`${options.name}: everyMs must be positive, got ${options.everyMs}`);
    this.timers = options.timers ?? systemTimers;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Schedules the first run one pause from now; a no-op when already started. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.running === null) this.schedule(); // else the run in progress schedules the next one
  }

  /** No further runs; resolves when the run in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.started = false;
    this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    await this.running;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private schedule(): void {
    this.handle = this.timers.setTimeout(() => this.tick(), this.options.everyMs, { unref: true });
  }

  private tick(): void {
    this.handle = undefined;
    if (!this.started || this.running !== null) return;
    this.running = this.runOnce().finally(() => {
      this.running = null;
      if (this.started) this.schedule();
    });
  }

  private async runOnce(): Promise<void> {
    try {
      await this.options.run();
    } catch (error: unknown) {
      const { name, failureLevel = 'error', failureMessage = `${name} failed; retrying at the next interval` } = this.options;
      this.options.logger[failureLevel]({ err: error, job: name }, failureMessage);
    }
  }
}
