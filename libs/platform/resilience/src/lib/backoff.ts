/** Capped exponential backoff with full jitter (AWS architecture blog "Exponential Backoff And Jitter"). */
export interface BackoffPolicy {
  /** Delay before the first retry, in ms. */
  readonly baseMs: number;
  /** No delay is ever longer than this, in ms. */
  readonly maxMs: number;
  /** 0 = no jitter (exact exponential), 1 = full jitter (uniform in [0, cap]). */
  readonly jitter: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry).
 * `random` is injectable so the policy is testable; it must return a number in [0, 1).
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  const exponential = policy.baseMs * 2 ** Math.min(attempt - 1, 30);
  const capped = Math.min(policy.maxMs, exponential);
  const jitter = Math.min(Math.max(policy.jitter, 0), 1);
  return Math.round(capped * (1 - jitter) + capped * jitter * random());
}

export function validateBackoffPolicy(policy: BackoffPolicy): void {
  if (!(policy.baseMs > 0)) throw new RangeError('backoff baseMs must be > 0');
  if (!(policy.maxMs >= policy.baseMs)) throw new RangeError('backoff maxMs must be >= baseMs');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) throw new RangeError('backoff jitter must be within [0, 1]');
}
