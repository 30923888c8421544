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
  /** Time spent in garbage collection so far (s, every kind; prom-client's nodejs_gc_duration_seconds), NaN when unknown. */
  readonly gcSeconds: number;
  /** The machine's 1-minute load average (other processes compete for the cores). */
  readonly loadAvg: number;
  /** The embedded storage process (when the bench started it): RSS and CPU time, as above. */
  readonly storeRssBytes: number | null;
  readonly storeCpuMs: number | null;
}

/** The heap right after a forced full collection in the platform process (heap-probe.ts): its live data. */
export interface LiveHeapSample {
  /** ms since the load started. */
  readonly atMs: number;
  readonly heapUsedBytes: number;
  /** Memory of C++ objects bound to JS (Buffers included) after the collection. */
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  readonly rssBytes: number;
  /** How long the forced collection took. */
  readonly gcMs: number;
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

/**
 * The requests in flight while the heap probe's forced full collection paused the platform (a
 * stop-the-world collection the platform would not have made): left out of the latency figures,
 * which are about the platform, and counted. Errors are kept whatever their timing.
 */
export function undisturbed(requests: readonly RequestSample[], live: readonly LiveHeapSample[]): { kept: RequestSample[]; disturbed: number } {
  const pauses = live.map((l) => [l.atMs - l.gcMs, l.atMs] as const);
  const kept = requests.filter((r) => r.error !== null || !pauses.some(([from, to]) => r.dueMs < to && r.dueMs + r.latencyMs > from));
  return { kept, disturbed: requests.length - kept.length };
}

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
  /** Mean heap after the window's forced full collections: the live data. */
  readonly liveHeapMb: number;
  /** Mean `external` (Buffers and other memory bound to JS objects) after the forced collections. */
  readonly liveExternalMb: number;
  readonly liveArrayBuffersMb: number;
  /** The highest heap used of the window's samples (live data plus garbage not collected yet). */
  readonly heapPeakMb: number;
  /** Mean RSS of the window's samples. */
  readonly rssMb: number;
  /** Garbage collection time in the window (every kind, the forced ones included). */
  readonly gcMs: number;
  readonly loadAvg: number;
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
export function windows(
  durationMs: number,
  windowMs: number,
  requests: readonly RequestSample[],
  memory: readonly MemorySample[],
  live: readonly LiveHeapSample[],
  emissionsAtMs: readonly number[],
): WindowFigures[] {
  const out: WindowFigures[] = [];
  for (let start = 0; start + windowMs <= durationMs + 1; start += windowMs) {
    const end = start + windowMs;
    const inside = <T>(at: (item: T) => number) => (item: T): boolean => at(item) >= start && at(item) < end;
    const reqs = requests.filter(inside((r: RequestSample) => r.dueMs));
    const mem = memory.filter(inside((m: MemorySample) => m.atMs));
    const storeRss = mean(mem.map((m) => m.storeRssBytes ?? NaN));
    const liveInside = live.filter(inside((l: LiveHeapSample) => l.atMs));
    const gc = mem.filter((m) => Number.isFinite(m.gcSeconds));
    out.push({
      startS: start / 1000,
      endS: end / 1000,
      latency: percentiles(reqs.map((r) => r.latencyMs)),
      errors: reqs.filter((r) => r.error !== null).length,
      liveHeapMb: toMb(mean(liveInside.map((l) => l.heapUsedBytes))),
      liveExternalMb: toMb(mean(liveInside.map((l) => l.externalBytes))),
      liveArrayBuffersMb: toMb(mean(liveInside.map((l) => l.arrayBuffersBytes))),
      heapPeakMb: toMb(extreme(Math.max, mem.map((m) => m.heapUsedBytes))),
      rssMb: toMb(mean(mem.map((m) => m.rssBytes))),
      gcMs: gc.length < 2 ? NaN : fixed(((gc.at(-1) as MemorySample).gcSeconds - (gc[0] as MemorySample).gcSeconds) * 1000, 0),
      loadAvg: fixed(mean(mem.map((m) => m.loadAvg)), 1),
      cpuPct: cpuShare(mem, (m) => m.cpuMs),
      storeCpuPct: cpuShare(mem, (m) => m.storeCpuMs),
      storeRssMb: Number.isFinite(storeRss) ? toMb(storeRss) : null,
      slaEmissions: emissionsAtMs.filter((at) => at >= start && at < end).length,
    });
  }
  return out;
}

/**
 * Flatness of one memory series after the warm-up: the least-squares slope of its post-warm-up
 * points over time, and the mean of the last window against the mean of the first post-warm-up
 * window.
 */
export interface Flatness {
  readonly slopeMbPerMin: number;
  readonly firstWindowMb: number;
  readonly lastWindowMb: number;
  readonly lastVsFirstRatio: number;
}

export function flatness(points: readonly { readonly atMs: number; readonly bytes: number }[], warmupMs: number, durationMs: number, windowMs: number): Flatness {
  const after = points.filter((p) => p.atMs >= warmupMs && p.atMs < durationMs && Number.isFinite(p.bytes));
  const perMin = slope(after.map((p) => [p.atMs / 60_000, p.bytes / MB] as const));
  const first = mean(after.filter((p) => p.atMs < warmupMs + windowMs).map((p) => p.bytes));
  const last = mean(after.filter((p) => p.atMs >= durationMs - windowMs).map((p) => p.bytes));
  return { slopeMbPerMin: fixed(perMin), firstWindowMb: toMb(first), lastWindowMb: toMb(last), lastVsFirstRatio: fixed(last / first, 3) };
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
    { name: `${name}_slope`, ok: f.slopeMbPerMin <= slopeLimit, detail: `${f.slopeMbPerMin} MB/min after warm-up (limit ${slopeLimit})` },
    { name: `${name}_ratio`, ok: f.lastVsFirstRatio <= limits.memoryRatio, detail: `last/first post-warm-up window ${f.lastVsFirstRatio} (${f.lastWindowMb} / ${f.firstWindowMb} MB, limit ${limits.memoryRatio})` },
  ];
  return [
    { name: 'errors', ok: errors === 0, detail: `${errors} errors (limit 0)` },
    ...flat('heap', heap, limits.heapSlopeMbPerMin),
    ...flat('rss', rss, limits.rssSlopeMbPerMin),
    { name: 'p99_ratio', ok: p99Ratio <= limits.p99Ratio, detail: `last/first post-warm-up window p99 ${p99Ratio} (limit ${limits.p99Ratio})` },
  ];
}
