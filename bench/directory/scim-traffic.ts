/**
 * The HTTP side of bench:directory: a SCIM client over fetch, a bounded closed loop that records
 * every operation's latency and reports progress, latency percentiles, and the CPU time of this
 * process and of the embedded MongoDB child (where the time of a phase went).
 */
import { readdirSync, readFileSync } from 'node:fs';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimAnswer {
  readonly status: number;
  readonly body: ScimBody;
}

/** The parts of SCIM answers the bench reads (resources, list responses, errors). */
export interface ScimBody {
  readonly id?: unknown;
  readonly userName?: unknown;
  readonly members?: readonly { readonly value?: unknown }[];
  readonly totalResults?: unknown;
  readonly Resources?: readonly { readonly id?: unknown; readonly userName?: unknown }[];
  readonly detail?: unknown;
  readonly scimType?: unknown;
}

/** One provisioning client's view of `/scim/v2` (its bearer token on every request). */
export class ScimClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async send(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<ScimAnswer> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as ScimBody) };
  }
}

/** Why an answer is not the expected one, for the failure log. */
export function unexpected(what: string, answer: ScimAnswer): string {
  const detail = typeof answer.body.detail === 'string' ? ` ${String(answer.body.scimType ?? '')} ${answer.body.detail}` : '';
  return `${what}: HTTP ${answer.status}${detail}`;
}

/** Failures of every phase: all counted, the first reasons of up to 8 kinds kept with their counts. */
export class FailureLog {
  count = 0;
  readonly samples = new Map<string, number>();

  readonly add = (reason: string): void => {
    this.count++;
    const kind = reason.slice(0, 300);
    const seen = this.samples.get(kind);
    if (seen !== undefined) this.samples.set(kind, seen + 1);
    else if (this.samples.size < 8) this.samples.set(kind, 1);
  };
}

export interface Phase {
  readonly done: number;
  readonly elapsedMs: number;
  /** Latency of every operation, in ms, in the order they were started. */
  readonly latencies: Float64Array;
}

/**
 * Runs `total` operations with at most `inFlight` at a time (each worker starts its next one when
 * its previous one answered). `op` answers a failure reason or undefined; a throw is a failure too.
 * Every `progressMs` a line says how far it got and the rate of the last interval.
 */
export async function closedLoop(label: string, total: number, inFlight: number, op: (i: number) => Promise<string | undefined>, onFailure: (reason: string) => void, progressMs = 15_000): Promise<Phase> {
  const latencies = new Float64Array(total);
  let next = 0;
  let done = 0;
  const started = performance.now();
  let mark = { at: started, done: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const recent = ((done - mark.done) / (now - mark.at)) * 1000;
    console.log(`  ${label}: ${done}/${total} after ${Math.round((now - started) / 1000)} s (${recent.toFixed(1)}/s over the last ${Math.round((now - mark.at) / 1000)} s)`);
    mark = { at: now, done };
  }, progressMs);
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const sent = performance.now();
      try {
        const failure = await op(i);
        if (failure !== undefined) onFailure(failure);
      } catch (error: unknown) {
        onFailure(error instanceof Error ? `${label}: ${error.name}: ${error.message}` : `${label}: ${String(error)}`);
      }
      latencies[i] = performance.now() - sent;
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  } finally {
    clearInterval(timer);
  }
  return { done, elapsedMs: performance.now() - started, latencies };
}

export const perSecond = (phase: Phase): number => +((phase.done / phase.elapsedMs) * 1000).toFixed(1);

export interface Percentiles {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentiles of latencies in ms (2 decimals). */
export function percentiles(latencies: readonly number[] | Float64Array): Percentiles {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number): number => (sorted.length === 0 ? NaN : +(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN).toFixed(2));
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

/** User + system CPU time in ms of this process and of the embedded MongoDB child it started (Linux /proc; 0 elsewhere). */
export function cpuTimes(): { readonly selfMs: number; readonly storeMs: number } {
  const { user, system } = process.cpuUsage();
  return { selfMs: (user + system) / 1000, storeMs: childCpuMs('embedded-mongo-server') };
}

function childCpuMs(needle: string): number {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) continue;
        total += (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return total;
}
