/**
 * Whether a bench had the machine to itself (Linux /proc; NaN elsewhere): the CPU time the whole
 * machine spent against the CPU time of the bench's own process tree, over a measured interval.
 * Benches on a shared host (a developer's tests, a compiler) report how much of the CPUs others
 * took while they measured, instead of silently reporting noisier figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** USER_HZ: /proc counts CPU time in clock ticks of 10 ms on every Linux the benches run on. */
const MS_PER_TICK = 10;

/** Busy CPU time of the whole machine in ms (all but idle and iowait), NaN without /proc. */
function machineBusyMs(): number {
  try {
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) * MS_PER_TICK;
  } catch {
    return NaN;
  }
}

/** CPU time in ms of `root` and every descendant still running, NaN without /proc. */
function treeCpuMs(root: number): number {
  try {
    const processes = new Map<number, { ppid: number; cpuMs: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        processes.set(Number(entry), { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK });
      } catch {
        // Exited between the listing and the read.
      }
    }
    let total = 0;
    for (const [pid, { cpuMs }] of processes) {
      for (let at: number | undefined = pid; at !== undefined && at > 0; at = processes.get(at)?.ppid) {
        if (at === root) {
          total += cpuMs;
          break;
        }
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

export interface CpuShare {
  /** Percent of all CPUs the bench's process tree used over the interval. */
  readonly ownPct: number;
  /** Percent of all CPUs every other process used (what the bench competed with). */
  readonly othersPct: number;
}

/** Starts measuring; the returned function ends the interval and answers the shares. */
export function cpuShare(root = process.pid): () => CpuShare {
  const started = performance.now();
  const machine = machineBusyMs();
  const own = treeCpuMs(root);
  return () => {
    const capacity = (performance.now() - started) * availableParallelism();
    const ownMs = treeCpuMs(root) - own;
    const machineMs = machineBusyMs() - machine;
    const pct = (ms: number): number => +((100 * Math.max(0, ms)) / capacity).toFixed(1);
    return { ownPct: pct(ownMs), othersPct: pct(machineMs - ownMs) };
  };
}
