import type { RateLimit } from '@itsm/platform/resilience';

/** How many answers one pipeline token gets from one replica (a token bucket: a burst, then a steady rate). */
export abstract class GateRateLimit implements RateLimit {
  abstract readonly burst: number;
  abstract readonly perMinute: number;
}

/** 30 at once, then 2 a second per token: a deploy asks once per target, a retry loop is bounded. */
export const DEFAULT_GATE_RATE_LIMIT: RateLimit = { burst: 30, perMinute: 120 };
