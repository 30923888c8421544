/** The breaker refused the call without trying it: the circuit is open (or shut down). */
export class BreakerOpenError extends Error {
  override readonly name = 'BreakerOpenError';

  constructor(readonly breaker: string) {
    super(`circuit breaker "${breaker}" is open`);
  }
}

/** The call took longer than the breaker's `timeoutMs`; it counts as a failure. */
export class BreakerTimeoutError extends Error {
  override readonly name = 'BreakerTimeoutError';

  constructor(
    readonly breaker: string,
    readonly timeoutMs: number,
  ) {
    super(`circuit breaker "${breaker}" timed out after ${timeoutMs}ms`);
  }
}
