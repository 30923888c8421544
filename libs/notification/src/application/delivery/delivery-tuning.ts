import { backoffDelayMs, validateBackoffPolicy } from '@itsm/platform/resilience';
import type { BackoffPolicy, BreakerSettings } from '@itsm/platform/resilience';
import type { RetryPolicy } from '../../domain/delivery';
import type { NotificationSettings } from '../../notification-env';

/** How delivery retries, sweeps and talks SMTP (defaults below; a spec binds shorter ones under DELIVERY_TUNING). */
export interface DeliveryTuning {
  /** Pause between sweeps for due, retrying and orphaned deliveries. */
  readonly sweepEveryMs: number;
  /** At most this many deliveries one sweep takes. */
  readonly sweepBatch: number;
  /** How long an attempt holds its delivery; after that another replica resends it (same message id). */
  readonly leaseMs: number;
  readonly maxAttempts: number;
  /** A delivery not through this long after its claim is given up. */
  readonly maxAgeMs: number;
  readonly backoff: BackoffPolicy;
  readonly smtp: {
    readonly connectionTimeoutMs: number;
    readonly greetingTimeoutMs: number;
    readonly socketTimeoutMs: number;
    readonly maxConnections: number;
    /** The breaker around each SMTP host (its name is `smtp:<host>`); its timeout bounds a whole send. */
    readonly breaker: Omit<BreakerSettings, 'name'>;
  };
}

export const DELIVERY_TUNING = Symbol('DELIVERY_TUNING');

export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  sweepEveryMs: 5_000,
  sweepBatch: 200,
  leaseMs: 120_000,
  maxAttempts: 8,
  maxAgeMs: 24 * 3_600_000,
  backoff: { baseMs: 30_000, maxMs: 3_600_000, jitter: 1 },
  smtp: {
    connectionTimeoutMs: 10_000,
    greetingTimeoutMs: 10_000,
    socketTimeoutMs: 30_000,
    maxConnections: 5,
    breaker: { timeoutMs: 60_000, errorThresholdPercentage: 50, volumeThreshold: 10, rollingCountTimeoutMs: 30_000, rollingCountBuckets: 10, resetTimeoutMs: 30_000 },
  },
};

/** The defaults with the context's settings: the lease, the send timeout (SMTP breaker; no socket wait longer) and the sweep. */
export function deliveryTuningFrom(delivery: NotificationSettings['delivery']): DeliveryTuning {
  const smtp = DEFAULT_DELIVERY_TUNING.smtp;
  return {
    ...DEFAULT_DELIVERY_TUNING,
    sweepEveryMs: delivery.sweepEveryMs,
    leaseMs: delivery.leaseMs,
    smtp: { ...smtp, socketTimeoutMs: Math.min(smtp.socketTimeoutMs, delivery.sendTimeoutMs), breaker: { ...smtp.breaker, timeoutMs: delivery.sendTimeoutMs } },
  };
}

/** The domain's retry policy from the tuning: capped exponential backoff with full jitter (`random` injectable). */
export function retryPolicyOf(tuning: DeliveryTuning, random: () => number = Math.random): RetryPolicy {
  validateBackoffPolicy(tuning.backoff);
  const sendTimeout = tuning.smtp.breaker.timeoutMs;
  // A lease shorter than a send could run out under it: another replica would resend while the first still sends.
  if (sendTimeout === false || tuning.leaseMs <= sendTimeout) throw new RangeError(`delivery leaseMs (${tuning.leaseMs}) must exceed the SMTP breaker timeout (${String(sendTimeout)})`);
  return { maxAttempts: tuning.maxAttempts, maxAgeMs: tuning.maxAgeMs, leaseMs: tuning.leaseMs, delayMs: (retry) => backoffDelayMs(tuning.backoff, retry, random) };
}
