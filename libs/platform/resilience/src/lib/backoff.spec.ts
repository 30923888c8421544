import { backoffDelayMs, validateBackoffPolicy } from './backoff';
import type { BackoffPolicy } from './backoff';

const exact: BackoffPolicy = { baseMs: 100, maxMs: 1_000, jitter: 0 };

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(exact, attempt))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('does not overflow for very large attempts', () => {
    expect(backoffDelayMs(exact, 10_000)).toBe(1_000);
  });

  it('with full jitter spreads the delay uniformly over [0, cap]', () => {
    const full = { ...exact, jitter: 1 };
    expect(backoffDelayMs(full, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(full, 3, () => 0.5)).toBe(200);
    expect(backoffDelayMs(full, 3, () => 0.999)).toBe(400);
  });

  it('with partial jitter keeps a floor of (1 - jitter) * cap', () => {
    const half = { ...exact, jitter: 0.5 };
    expect(backoffDelayMs(half, 4, () => 0)).toBe(400);
    expect(backoffDelayMs(half, 4, () => 0.999)).toBe(800);
  });

  it('clamps jitter outside [0, 1]', () => {
    expect(backoffDelayMs({ ...exact, jitter: 5 }, 1, () => 0)).toBe(0);
    expect(backoffDelayMs({ ...exact, jitter: -1 }, 1, () => 0)).toBe(100);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects attempt %s', (attempt) => {
    expect(() => backoffDelayMs(exact, attempt)).toThrow(RangeError);
  });
});

describe('validateBackoffPolicy', () => {
  it('accepts a sane policy', () => {
    expect(() => validateBackoffPolicy(exact)).not.toThrow();
  });

  it.each<[Partial<BackoffPolicy>, string]>([
    [{ baseMs: 0 }, 'baseMs'],
    [{ maxMs: 50 }, 'maxMs'],
    [{ jitter: 1.1 }, 'jitter'],
    [{ jitter: Number.NaN }, 'jitter'],
  ])('rejects %o naming %s', (override, field) => {
    expect(() => validateBackoffPolicy({ ...exact, ...override })).toThrow(field);
  });
});
