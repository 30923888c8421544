/**
 * How long and how often a delivery is retried: `delayMs(retry)` (capped and jittered: the
 * application builds it from the platform's backoff) before retry number `retry` (1 = the first),
 * at most `maxAttempts` attempts and never after `maxAgeMs` from the claim; `leaseMs`: how long an
 * attempt may hold a delivery before another replica takes it over.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  readonly leaseMs: number;
  readonly delayMs: (retry: number) => number;
}
