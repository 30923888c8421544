import type { Logger } from 'pino';

export type ShutdownLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface ShutdownOptions {
  /** The whole sequence's bound from the signal: steps still running then are abandoned. */
  readonly deadlineMs: number;
  /** One step's own bound (within what is left of the deadline). */
  readonly stepTimeoutMs: number;
  readonly log: ShutdownLog;
}

export interface ShutdownReport {
  readonly completed: readonly string[];
  readonly failed: readonly string[];
  /** Steps that outran their bound (a dead MongoDB, a broker that never answers) or were never reached. */
  readonly abandoned: readonly string[];
}

interface Step {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** A process's shutdown as bounded steps, run in the reverse order they were added (last started, first stopped). */
export class ShutdownSequence {
  private readonly steps: Step[] = [];
  private running: Promise<ShutdownReport> | undefined;

  constructor(readonly options: ShutdownOptions) {}

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs once; later calls get the first run's report. */
  run(): Promise<ShutdownReport> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<ShutdownReport> {
    const deadline = Date.now() + this.options.deadlineMs;
    const report = { completed: [] as string[], failed: [] as string[], abandoned: [] as string[] };
    for (const step of [...this.steps].reverse()) {
      const budget = Math.min(this.options.stepTimeoutMs, deadline - Date.now());
      if (budget <= 0) {
        report.abandoned.push(step.name);
        continue;
      }
      const outcome = await within(budget, step.run);
      if (outcome === 'done') report.completed.push(step.name);
      else if (outcome === 'timeout') {
        report.abandoned.push(step.name);
        this.options.log.warn({ step: step.name, afterMs: budget }, 'shutdown step did not finish in time; abandoned');
      } else {
        report.failed.push(step.name);
        this.options.log.error({ step: step.name, err: outcome.error }, 'shutdown step failed');
      }
    }
    return report;
  }
}

async function within(ms: number, run: () => Promise<void>): Promise<'done' | 'timeout' | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const work = Promise.resolve()
    .then(run)
    .then(
      () => 'done' as const,
      (error: unknown) => ({ error }),
    );
  const outcome = await Promise.race([work, timeout]);
  clearTimeout(timer);
  return outcome;
}

export interface SignalHandling {
  readonly signals?: readonly NodeJS.Signals[];
  /** After the sequence (completed or not): how the process ends. */
  readonly exit: (signal: NodeJS.Signals, report: ShutdownReport) => void;
  /** Ends the process if even the bounded sequence has not returned by then (never expected). */
  readonly hardExit?: () => void;
}

/**
 * Runs the sequence on the first SIGTERM or SIGINT, then `exit`. A hard timer a little after the
 * deadline ends the process whatever happens, so no dead dependency keeps it alive after a signal.
 */
export function shutdownOnSignal(sequence: ShutdownSequence, handling: SignalHandling): void {
  const options = sequence.options;
  const signals = handling.signals ?? ['SIGTERM', 'SIGINT'];
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const s of signals) process.removeListener(s, onSignal);
    options.log.info({ signal, deadlineMs: options.deadlineMs }, 'shutting down');
    const hard = setTimeout(() => {
      options.log.error({ signal }, `shutdown exceeded ${options.deadlineMs} ms; exiting`);
      (handling.hardExit ?? (() => process.exit(1)))();
    }, options.deadlineMs + 1_000);
    void sequence.run().then((report) => {
      clearTimeout(hard);
      handling.exit(signal, report);
    });
  };
  for (const signal of signals) process.once(signal, onSignal);
}
