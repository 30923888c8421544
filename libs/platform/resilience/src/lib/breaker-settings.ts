/**
 * Every opossum setting that decides when a circuit opens, required so none is left at a default
 * by accident (opossum's `volumeThreshold` 0 opens the circuit on a single failure).
 */
export interface BreakerSettings {
  readonly name: string;
  /** A call slower than this fails with BreakerTimeoutError; `false` disables the timeout. */
  readonly timeoutMs: number | false;
  /** The circuit opens when the failure rate within the rolling window exceeds this percentage. */
  readonly errorThresholdPercentage: number;
  /** Minimum calls in the rolling window before the failure rate is considered; >= 1. */
  readonly volumeThreshold: number;
  readonly rollingCountTimeoutMs: number;
  readonly rollingCountBuckets: number;
  /** How long the circuit stays open before letting one trial call through (half-open). */
  readonly resetTimeoutMs: number;
}

function check(ok: boolean, field: keyof BreakerSettings, rule: string, value: unknown): void {
  if (!ok) throw new RangeError(`breaker ${field} must be ${rule}, got ${String(value)}`);
}

const isPositiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;

export function validateBreakerSettings(s: BreakerSettings): void {
  check(typeof s.name === 'string' && s.name.trim() !== '', 'name', 'a non-empty string', s.name);
  check(s.timeoutMs === false || isPositiveInteger(s.timeoutMs), 'timeoutMs', 'a positive integer or false', s.timeoutMs);
  check(
    s.errorThresholdPercentage > 0 && s.errorThresholdPercentage <= 100,
    'errorThresholdPercentage',
    'within (0, 100]',
    s.errorThresholdPercentage,
  );
  check(isPositiveInteger(s.volumeThreshold), 'volumeThreshold', 'an integer >= 1', s.volumeThreshold);
  check(isPositiveInteger(s.rollingCountBuckets), 'rollingCountBuckets', 'a positive integer', s.rollingCountBuckets);
  // opossum rotates one bucket every rollingCountTimeout / rollingCountBuckets ms (rounded down).
  check(
    isPositiveInteger(s.rollingCountTimeoutMs) && s.rollingCountTimeoutMs % s.rollingCountBuckets === 0,
    'rollingCountTimeoutMs',
    'a positive integer divisible by rollingCountBuckets',
    s.rollingCountTimeoutMs,
  );
  check(isPositiveInteger(s.resetTimeoutMs), 'resetTimeoutMs', 'a positive integer', s.resetTimeoutMs);
}
