export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean> | boolean;
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface Readiness {
  readonly status: 'ok' | 'unavailable';
  readonly checks: readonly CheckResult[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** Components register what they need to serve traffic (a connected broker, a reachable database). */
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly checkTimeoutMs = DEFAULT_CHECK_TIMEOUT_MS) {}

  /** Returns a function that removes the check again. */
  register(check: ReadinessCheck): () => void {
    if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is already registered`);
    this.checks.set(check.name, check);
    return () => this.checks.delete(check.name);
  }

  /** Answering at all proves the event loop runs; that is all liveness claims. */
  liveness(): { readonly status: 'ok' } {
    return { status: 'ok' };
  }

  async readiness(): Promise<Readiness> {
    const checks = await Promise.all([...this.checks.values()].map((check) => this.run(check)));
    return { status: checks.every((c) => c.ok) ? 'ok' : 'unavailable', checks };
  }

  private async run({ name, check }: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ name, ok: false, error: `timed out after ${this.checkTimeoutMs}ms` }), this.checkTimeoutMs);
    });
    const attempt = Promise.resolve()
      .then(() => check())
      .then(
        (ok): CheckResult => (ok === true ? { name, ok: true } : { name, ok: false, error: 'not ready' }),
        (error: unknown): CheckResult => ({ name, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    try {
      return await Promise.race([attempt, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
