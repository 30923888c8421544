/** Latency figures of the benches: nearest-rank (floor) percentiles over sorted samples in ms. */

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

export interface LatencySummary {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const ms = (value: number): number => +value.toFixed(2);

/** p50/p95/p99/max of `samples` (sorted in place). */
export function summarizeLatency(samples: Float64Array): LatencySummary {
  samples.sort();
  return {
    n: samples.length,
    p50Ms: ms(percentile(samples, 0.5)),
    p95Ms: ms(percentile(samples, 0.95)),
    p99Ms: ms(percentile(samples, 0.99)),
    maxMs: ms(samples.length === 0 ? NaN : (samples[samples.length - 1] as number)),
  };
}
