import type { BreakerSettings } from '@itsm/platform/resilience';

/** How endpoint calls are bounded: a timeout per call and each endpoint's breaker (never one shared breaker). */
export interface EndpointDeliveryPolicy {
  /** A call without an answer by then is abandoned (retry later); Standard Webhooks suggests 15-30 s. */
  readonly timeoutMs: number;
  readonly breaker: Omit<BreakerSettings, 'name' | 'timeoutMs'>;
}

export const ENDPOINT_DELIVERY_POLICY = Symbol('ENDPOINT_DELIVERY_POLICY');

/** Five calls in a minute, half of them failed (5xx, timeouts, unreachable): the endpoint rests 30 s before one trial call. */
export const DEFAULT_ENDPOINT_DELIVERY_POLICY: EndpointDeliveryPolicy = {
  timeoutMs: 15_000,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountTimeoutMs: 60_000, rollingCountBuckets: 6, resetTimeoutMs: 30_000 },
};
