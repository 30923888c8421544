import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  const t0 = new Date(Date.UTC(2030, 0, 1, 12));
  const after = (ms: number) => new Date(t0.getTime() + ms);

  it('allows a burst, then refuses with the wait until the next token', () => {
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 });
    expect([1, 2, 3].map(() => limiter.take('k', t0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('k', t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate, never above the burst', () => {
    const limiter = new RateLimiter({ burst: 2, perMinute: 6 });
    limiter.take('k', t0);
    limiter.take('k', t0);
    expect(limiter.take('k', after(5_000))).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(limiter.take('k', after(10_000)).allowed).toBe(true);
    expect(limiter.take('k', after(10_000)).allowed).toBe(false);
    expect([1, 2, 3].map(() => limiter.take('k', after(3_600_000)).allowed)).toEqual([true, true, false]);
  });

  it('keeps keys apart and forgets the least recently used beyond its size', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, 2);
    expect(limiter.take('a', t0).allowed).toBe(true);
    expect(limiter.take('b', t0).allowed).toBe(true);
    expect(limiter.take('a', t0).allowed).toBe(false);
    expect(limiter.take('c', t0).allowed).toBe(true);
    expect(limiter.take('b', t0).allowed).toBe(true);
  });

  it('refuses a limit that allows nothing', () => {
    expect(() => new RateLimiter({ burst: 0, perMinute: 1 })).toThrow(/burst/);
    expect(() => new RateLimiter({ burst: 1, perMinute: 0 })).toThrow(/perMinute/);
  });
});
