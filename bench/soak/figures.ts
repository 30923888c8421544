/**
 * The figures of bench:soak, pure: latency percentiles per window, the least-squares slope of a
 * memory series, window means and the verdict's checks.
 */

/** One request: when it was due (open-loop schedule), how long it took from then, and whether it failed. */
export interface RequestSample {
  readonly kind: string;
  /** Scheduled send instant, ms since the load started. */
  readonly dueMs: number;
  /** Answer instant minus scheduled instant (ms): waiting for a late send is part of the latency. */
  readonly latencyMs: number;
  /** Actual send instant minus scheduled instant (ms): the load generator's own lateness. */
  readonly sendLagMs: number;
  readonly error: string | null;
}

/** One memory reading of the platform process. */
export interface MemorySample {
  /** ms since the load started. */
  readonly atMs: number;
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
  /** User + system CPU time of the process so far (ms), when /proc has it. */
  readonly cpuMs: number | null;
  /** The embedded storage process (when the bench started it): RSS and CPU time, as above. */
  readonly storeRssBytes: number | null;
  readonly storeCpuMs: number | null;
}

export interface Percentiles {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const MB = 1_048_576;
export const toMb = (bytes: number): number => +(bytes / MB).toFixed(1);
export const fixed = (value: number, digits = 2): number => (Number.isFinite(value) ? +value.toFixed(digits) : NaN);

/** Nearest-rank percentiles of `values` (NaN when empty). */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number): number => (sorted.length === 0 ? NaN : (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number));
  return { n: sorted.length, p50Ms: fixed(rank(0.5)), p95Ms: fixed(rank(0.95)), p99Ms: fixed(rank(0.99)), maxMs: fixed(rank(1)) };
}

/** Least-squares slope of y over x (y units per x unit); NaN under two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxx === 0 ? NaN : sxy / sxx;
}

/** Mean of the finite values (a sample the process did not answer is NaN); NaN when none. */
function mean(values: readonly number[]): number {
  const known = values.filter(Number.isFinite);
  return known.length === 0 ? NaN : known.reduce((a, b) => a + b, 0) / known.length;
}

/** One fixed window of the run, [startMs, endMs). */
export interface WindowFigures {
  readonly startS: number;
  readonly endS: number;
  readonly latency: Percentiles;
  readonly errors: number;
  /** The lowest heap used of the window's samples: the floor the collector gets back to (live data), and the peak. */
  readonly heapFloorMb: number;
  readonly heapPeakMb: number;
  /** The lowest RSS of the window's samples. */
  readonly rssFloorMb: number;
  readonly rssPeakMb: number;
  /** Share of one core the platform process used in the window (CPU ms / wall ms), when known. */
  readonly cpuPct: number | null;
  readonly storeCpuPct: number | null;
  readonly storeRssMb: number | null;
  readonly slaEmissions: number;
}

/** Math.min or Math.max of the finite values; NaN when none. */
function extreme(pick: (...values: number[]) => number, values: readonly number[]): number {
  const known = values.filter(Number.isFinite);
  return known.length === 0 ? NaN : pick(...known);
}

/** CPU time over wall time between the first and last sample that have it, in % of one core. */
function cpuShare(samples: readonly MemorySample[], cpu: (m: MemorySample) => number | null): number | null {
  const known = samples.filter((m) => cpu(m) !== null);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined || last.atMs <= first.atMs) return null;
  return fixed((((cpu(last) as number) - (cpu(first) as number)) / (last.atMs - first.atMs)) * 100, 1);
}

/** Cuts the run into windows of `windowMs` from 0 to `durationMs`: latency by scheduled instant, memory means, emissions by claim instant. */
export function windows(durationMs: number, windowMs: number, requests: readonly RequestSample[], memory: readonly MemorySample[], emissionsAtMs: readonly number[]): WindowFigures[] {
  const out: WindowFigures[] = [];
  for (let start = 0; start + windowMs <= durationMs + 1; start += windowMs) {
    const end = start + windowMs;
    const inside = <T>(at: (item: T) => number) => (item: T): boolean => at(item) >= start && at(item) < end;
    const reqs = requests.filter(inside((r: RequestSample) => r.dueMs));
    const mem = memory.filter(inside((m: MemorySample) => m.atMs));
    const storeRss = mean(mem.map((m) => m.storeRssBytes ?? NaN));
    out.push({
      startS: start / 1000,
      endS: end / 1000,
      latency: percentiles(reqs.map((r) => r.latencyMs)),
      errors: reqs.filter((r) => r.error !== null).length,
      heapFloorMb: toMb(extreme(Math.min, mem.map((m) => m.heapUsedBytes))),
      heapPeakMb: toMb(extreme(Math.max, mem.map((m) => m.heapUsedBytes))),
      rssFloorMb: toMb(extreme(Math.min, mem.map((m) => m.rssBytes))),
      rssPeakMb: toMb(extreme(Math.max, mem.map((m) => m.rssBytes))),
      cpuPct: cpuShare(mem, (m) => m.cpuMs),
      storeCpuPct: cpuShare(mem, (m) => m.storeCpuMs),
      storeRssMb: Number.isFinite(storeRss) ? toMb(storeRss) : null,
      slaEmissions: emissionsAtMs.filter((at) => at >= start && at < end).length,
    });
  }
  return out;
}

/**
 * Flatness of one memory series after the warm-up, on window floors (the lowest sample of each
 * window: heap used right after a collection is the live data; a sample between collections also
 * counts garbage, which moves with GC timing, not with leaks): the least-squares slope of the
 * post-warm-up floors over time, and the last floor against the first post-warm-up floor.
 */
export interface Flatness {
  readonly slopeMbPerMin: number;
  readonly firstWindowMb: number;
  readonly lastWindowMb: number;
  readonly lastVsFirstRatio: number;
}

export function flatness(perWindow: readonly WindowFigures[], floor: (w: WindowFigures) => number, warmupMs: number): Flatness {
  const measured = perWindow.filter((w) => w.startS * 1000 >= warmupMs && Number.isFinite(floor(w)));
  const perMin = slope(measured.map((w) => [(w.startS + w.endS) / 120, floor(w)] as const));
  const first = measured[0] === undefined ? NaN : floor(measured[0]);
  const last = measured.at(-1) === undefined ? NaN : floor(measured.at(-1) as WindowFigures);
  return { slopeMbPerMin: fixed(perMin), firstWindowMb: first, lastWindowMb: last, lastVsFirstRatio: fixed(last / first, 3) };
}

/** The verdict's limits (README: "Soak"). */
export interface SoakLimits {
  readonly heapSlopeMbPerMin: number;
  readonly rssSlopeMbPerMin: number;
  readonly memoryRatio: number;
  readonly p99Ratio: number;
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Every check of the verdict; the run passes when all hold. */
export function verdict(errors: number, heap: Flatness, rss: Flatness, p99Ratio: number, limits: SoakLimits): Check[] {
  const flat = (name: string, f: Flatness, slopeLimit: number): Check[] => [
    { name: `${name}_slope`, ok: f.slopeMbPerMin <= slopeLimit, detail: `window floors after warm-up rise ${f.slopeMbPerMin} MB/min (limit ${slopeLimit})` },
    { name: `${name}_ratio`, ok: f.lastVsFirstRatio <= limits.memoryRatio, detail: `last/first post-warm-up window floor ${f.lastVsFirstRatio} (${f.lastWindowMb} / ${f.firstWindowMb} MB, limit ${limits.memoryRatio})` },
  ];
  return [
    { name: 'errors', ok: errors === 0, detail: `${errors} errors (limit 0)` },
    ...flat('heap', heap, limits.heapSlopeMbPerMin),
    ...flat('rss', rss, limits.rssSlopeMbPerMin),
    { name: 'p99_ratio', ok: p99Ratio <= limits.p99Ratio, detail: `last/first post-warm-up window p99 ${p99Ratio} (limit ${limits.p99Ratio})` },
  ];
}
