/** Measuring helpers of bench:sla: a real `gc()`, memory snapshots, percentiles, the CongoDB child's RSS. */
import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const v8gc = runInNewContext('gc') as (() => void) | undefined;

/** Full collections until the heap stops shrinking (a few rounds), so heap deltas mean retained memory. */
export async function settle(): Promise<void> {
  if (v8gc === undefined) return;
  let last = Infinity;
  for (let i = 0; i < 6; i += 1) {
    v8gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (last - used < 1_000_000) return;
    last = used;
  }
}

export interface Memory {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
}

const mb = (bytes: number): number => +(bytes / 1_048_576).toFixed(1);

export function memory(): Memory {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

export const round = (value: number, digits = 1): number => +value.toFixed(digits);

interface ChildStat {
  readonly rssMb: number;
  /** User + system CPU time so far, in ms. */
  readonly cpuMs: number;
}

/** RSS and CPU time of this process's children whose command line mentions `needle` (Linux /proc); null elsewhere. */
export function childStat(needle: string): ChildStat | null {
  try {
    let rssMb = 0;
    let cpuMs = 0;
    let found = false;
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid) continue;
        if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) continue;
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
        rssMb += Number(rss?.[1] ?? 0) / 1024;
        cpuMs += (Number(fields[11]) + Number(fields[12])) * tick;
        found = true;
      } catch {
        // the process ended meanwhile
      }
    }
    return found ? { rssMb: round(rssMb), cpuMs } : null;
  } catch {
    return null;
  }
}

/** Latency summary of one emission stream. */
export interface LatencySummary {
  readonly expected: number;
  readonly emitted: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Emissions per second from the first due instant to the last publish. */
  readonly perSecond: number;
}

export function summarise(latencies: readonly number[], expected: number, firstDueAt: number, lastPublishedAt: number): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const span = Math.max(1, lastPublishedAt - firstDueAt);
  return {
    expected,
    emitted: latencies.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.length > 0 ? (sorted[sorted.length - 1] as number) : NaN),
    perSecond: Math.round((latencies.length / span) * 1000),
  };
}
