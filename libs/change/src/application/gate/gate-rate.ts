import type { RateLimit } from '@itsm/platform/resilience';

/** How many answers one pipeline token gets from one replica (a token bucket: a burst, then a steady rate; CHANGE_GATE_RATE_*). */
export abstract class GateRateLimit implements RateLimit {
  abstract readonly burst: number;
  abstract readonly perMinute: number;
}
