/** How many calls a key may make: `burst` at once, refilled at `perMinute` (a token bucket). */
export interface RateLimit {
  readonly burst: number;
  readonly perMinute: number;
}

/** Taken: go on. Refused: the key is over its rate; `retryAfterSeconds` until the next call is allowed. */
export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (a pipeline token, a client), kept in this process: a replica limits what
 * it answers, so N replicas allow N times the rate (a bound on load, not a quota). `now` is a
 * parameter (no clock inside): the caller passes its injected clock's instant. At most `maxKeys`
 * buckets are kept; the least recently used goes first.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
  ) {
    if (!(Number.isInteger(limit.burst) && limit.burst >= 1)) throw new Error(`rate limit burst must be a positive integer, got ${limit.burst}`);
    if (!(limit.perMinute > 0 && Number.isFinite(limit.perMinute))) throw new Error(`rate limit perMinute must be positive, got ${limit.perMinute}`);
  }

  take(key: string, now: Date): RateVerdict {
    const at = now.getTime();
    const previous = this.buckets.get(key);
    const refilled = previous === undefined ? this.limit.burst : Math.min(this.limit.burst, previous.tokens + (Math.max(0, at - previous.at) * this.limit.perMinute) / 60_000);
    this.buckets.delete(key);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - refilled) * 60) / this.limit.perMinute)) };
    }
    this.buckets.set(key, { tokens: refilled - 1, at });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return { allowed: true };
  }
}
