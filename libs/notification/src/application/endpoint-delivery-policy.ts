import type { HttpTargetPolicy } from '@itsm/platform/webhooks';

/** How endpoint calls are bounded: the platform's per-target policy (a timeout per call, each endpoint's own breaker). */
export type EndpointDeliveryPolicy = HttpTargetPolicy;

export const ENDPOINT_DELIVERY_POLICY = Symbol('ENDPOINT_DELIVERY_POLICY');

/** Five calls in a minute, half of them failed (5xx, timeouts, unreachable): the endpoint rests 30 s before one trial call. */
export const DEFAULT_ENDPOINT_DELIVERY_POLICY: EndpointDeliveryPolicy = {
  timeoutMs: 15_000,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountTimeoutMs: 60_000, rollingCountBuckets: 6, resetTimeoutMs: 30_000 },
};
