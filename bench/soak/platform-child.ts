/**
 * The all-in-one (`dist/apps/platform/src/main.js`, what `npm start` runs after building) as a child
 * process of bench:soak: started with the environment `npm start` gets plus what the bench needs,
 * its log lines tallied (error-level lines are errors of the run), its memory read from its own
 * /metrics (prom-client process metrics) with /proc/<pid> as the fallback and for CPU time.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROBE_PREFIX } from './heap-probe';

/** Pino's numeric levels: 40 warn, 50 error, 60 fatal. */
const PINO_ERROR = 50;
const PINO_WARN = 40;
const KEEP_OUTPUT_CHARS = 20_000;

/** One heap-probe.ts line: epoch ms, heap, external memory and RSS right after a forced full collection, its duration. */
export interface ProbeLine {
  readonly at: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  readonly rssBytes: number;
  readonly gcMs: number;
}

export interface PlatformChild {
  readonly pid: number;
  /** The heap probe's lines so far (when started with one). */
  readonly probes: ProbeLine[];
  readonly url: string;
  readonly metricsUrl: string;
  /** Log lines at error level or above, and warnings, so far; the first few of each are kept. */
  readonly log: { errors: number; warnings: number; readonly samples: string[] };
  /** The last output (for failure messages). */
  output(): string;
  exited(): boolean;
  /** SIGTERM (once exited: nothing); resolves with the exit code (or signal) and how long the stop took; SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<{ readonly code: number | string | null; readonly ms: number }>;
}

/**
 * `root` is the repository (dist/ built); `env` is added to PATH and HOME, as a shell's `npm start`
 * would have them. `probeEveryMs`: preload heap-probe.js, a forced full collection and a heap line
 * that often.
 */
export function startPlatform(root: string, port: number, env: Readonly<Record<string, string>>, probeEveryMs: number): PlatformChild {
  const probe = ['--require', join(__dirname, 'heap-probe.js')];
  const child: ChildProcess = spawn(process.execPath, [...probe, join(root, 'dist', 'apps', 'platform', 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), SOAK_PROBE_GC_MS: String(probeEveryMs), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the platform process did not start');
  let output = '';
  const log = { errors: 0, warnings: 0, samples: [] as string[] };
  const probes: ProbeLine[] = [];
  const onLine = (line: string): void => {
    if (line.startsWith(PROBE_PREFIX)) {
      probes.push(JSON.parse(line.slice(PROBE_PREFIX.length)) as ProbeLine);
      return;
    }
    output = (output + line + '\n').slice(-KEEP_OUTPUT_CHARS);
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (level === undefined) return;
    if (Number(level) >= PINO_ERROR) {
      log.errors += 1;
      if (log.samples.length < 5) log.samples.push(line.slice(0, 400));
    } else if (Number(level) >= PINO_WARN) log.warnings += 1;
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
  const exit = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid,
    probes,
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    log,
    output: () => output,
    exited,
    stop: async (graceMs) => {
      const started = Date.now();
      if (!exited()) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(killer);
      return { code, ms: Date.now() - started };
    },
  };
}

export interface ProcessMemory {
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
  /** nodejs_gc_duration_seconds_sum over every kind; NaN without /metrics. */
  readonly gcSeconds: number;
  readonly source: 'metrics' | 'proc';
}

/** A gauge's value from a Prometheus text exposition (the first series of that name). */
export function gauge(exposition: string, name: string): number | undefined {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(exposition);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Heap used and RSS of the platform process: its /metrics when it answers them, else /proc (RSS only, heap unknown: NaN). */
export async function readMemory(child: PlatformChild): Promise<ProcessMemory> {
  try {
    const response = await fetch(child.metricsUrl, { signal: AbortSignal.timeout(5_000) });
    if (response.ok) {
      const text = await response.text();
      const heap = gauge(text, 'nodejs_heap_size_used_bytes');
      const rss = gauge(text, 'process_resident_memory_bytes');
      const gcSeconds = [...text.matchAll(/^nodejs_gc_duration_seconds_sum(?:\{[^}]*\})? ([0-9.eE+-]+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      if (heap !== undefined && rss !== undefined) return { heapUsedBytes: heap, rssBytes: rss, gcSeconds, source: 'metrics' };
    }
  } catch {
    // Fall through to /proc.
  }
  return { heapUsedBytes: NaN, rssBytes: procRss(child.pid) ?? NaN, gcSeconds: NaN, source: 'proc' };
}

/** The machine's 1-minute load average (Linux /proc/loadavg), else NaN. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** VmRSS of a process in bytes (Linux), else null. */
export function procRss(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** User + system CPU time of a process in ms (Linux /proc/<pid>/stat, USER_HZ 100), else null. */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The child of `parentPid` whose command line contains `needle` (Linux /proc), else null. */
export function childPid(parentPid: number, needle: string): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parentPid) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) return Number(entry);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc.
  }
  return null;
}
