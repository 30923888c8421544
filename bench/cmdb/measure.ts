/**
 * Measuring helpers of bench:cmdb (as bench/sla/measure.ts): a real `gc()`, memory snapshots,
 * percentiles, the embedded MongoDB child's RSS and process id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile } from '@itsm/bench-kit';

setFlagsFromString('--expose-gc');
const v8gc = runInNewContext('gc') as (() => void) | undefined;

export const gcAvailable = v8gc !== undefined;

/** Full collections until the heap stops shrinking (a few rounds), so heap deltas mean retained memory. */
export async function settle(): Promise<void> {
  if (v8gc === undefined) return;
  let last = Infinity;
  for (let i = 0; i < 8; i += 1) {
    v8gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (last - used < 256_000) return;
    last = used;
  }
}

/** heapUsed + arrayBuffers (typed arrays live outside the JS heap) in bytes after settling. */
export async function settledHeap(): Promise<number> {
  await settle();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export const round = (value: number, digits = 1): number => +value.toFixed(digits);

export { percentile };

export interface Latency {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const digits = (v: number): number => round(v, v < 10 ? 3 : 1);
  return {
    n: sorted.length,
    p50Ms: digits(percentile(sorted, 0.5)),
    p95Ms: digits(percentile(sorted, 0.95)),
    p99Ms: digits(percentile(sorted, 0.99)),
    maxMs: digits(sorted.length ? (sorted[sorted.length - 1] as number) : NaN),
    meanMs: digits(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN),
  };
}

export const showLatency = (l: Latency): string => `p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms (n=${l.n})`;

interface ChildProcessInfo {
  readonly pid: number;
  readonly rssMb: number;
  /** User + system CPU time so far, in ms. */
  readonly cpuMs: number;
}

/** This process's children whose command line mentions every needle (Linux /proc); [] elsewhere. */
export function children(...needles: string[]): ChildProcessInfo[] {
  const found: ChildProcessInfo[] = [];
  try {
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid) continue;
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (!needles.every((n) => cmdline.includes(n))) continue;
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
        found.push({ pid: Number(entry), rssMb: round(Number(rss?.[1] ?? 0) / 1024), cpuMs: (Number(fields[11]) + Number(fields[12])) * tick });
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return found;
}

export const MONGO_CHILD = 'embedded-mongo-server';

/** The embedded MongoDB child listening on the port of `url` (this process started it), if any. */
export function embeddedChild(url: string): ChildProcessInfo | undefined {
  const port = /:(\d+)\//.exec(url)?.[1];
  return port === undefined ? undefined : children(MONGO_CHILD, port)[0];
}

/**
 * Waits (at most `maxMs`) until the embedded server uses less than `belowPercent` of a core over a
 * second: after serving a big read it keeps collecting garbage for a while, on the same two cores
 * the measured code runs on (bench/sla does the same). Answers how long it waited and the first second's load.
 */
export async function quietStorage(url: string | undefined, maxMs = 60_000, belowPercent = 25): Promise<{ waitedMs: number; firstPercent: number | null }> {
  const started = performance.now();
  let firstPercent: number | null = null;
  while (url !== undefined && performance.now() - started < maxMs) {
    const before = embeddedChild(url);
    if (before === undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = embeddedChild(url);
    if (after === undefined) break;
    const percent = Math.round((after.cpuMs - before.cpuMs) / 10);
    firstPercent ??= percent;
    if (percent < belowPercent) break;
  }
  return { waitedMs: Math.round(performance.now() - started), firstPercent };
}
