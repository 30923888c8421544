/**
 * One measured run of bench:notification: the service's memory sampled every second while it
 * works, the drain after the load (until every expected delivery arrived, nothing arrived for a
 * while, or the cap), and the run's figures.
 */
import { latency, round } from '@itsm/bench-cmdb';
import type { Latency } from '@itsm/bench-cmdb';
import type { DeliveryLedger } from './delivery-ledger';
import type { LoadFigures } from './incident-load';
import type { NotificationChild } from './notification-child';

const MB = 1024 * 1024;

/** Samples the current service's RSS and heap every second (the child may be replaced: the kill run). */
export class MemorySampler {
  private maxRss = 0;
  private maxHeap = 0;
  private last = { rssMb: NaN, heapMb: NaN };
  private readonly timer: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly current: () => NotificationChild) {
    this.timer = setInterval(() => void this.sample(), 1_000);
  }

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const memory = await this.current().memory();
    this.busy = false;
    if (Number.isFinite(memory.rssBytes)) this.maxRss = Math.max(this.maxRss, memory.rssBytes);
    if (Number.isFinite(memory.heapUsedBytes)) this.maxHeap = Math.max(this.maxHeap, memory.heapUsedBytes);
    this.last = { rssMb: round(memory.rssBytes / MB), heapMb: round(memory.heapUsedBytes / MB) };
  }

  stop(): { readonly maxRssMb: number; readonly maxHeapMb: number; readonly lastRssMb: number; readonly lastHeapMb: number } {
    clearInterval(this.timer);
    return { maxRssMb: round(this.maxRss / MB), maxHeapMb: round(this.maxHeap / MB), lastRssMb: this.last.rssMb, lastHeapMb: this.last.heapMb };
  }
}

export interface DrainOutcome {
  /** From the end of the load to the last first arrival (0 when everything had arrived by then). */
  readonly drainS: number;
  readonly complete: boolean;
  readonly stoppedBecause: 'complete' | 'idle' | 'cap';
}

/** Waits for the expected deliveries; prints progress every 10 s. */
export async function drain(ledger: DeliveryLedger, loadEndAt: number, idleS: number, maxS: number): Promise<DrainOutcome> {
  let lastCount = ledger.delivered;
  let lastProgressAt = performance.now();
  let reason: DrainOutcome['stoppedBecause'] = 'complete';
  let tick = 0;
  while (ledger.delivered < ledger.expected) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = performance.now();
    if (ledger.delivered !== lastCount) {
      lastCount = ledger.delivered;
      lastProgressAt = now;
    }
    tick += 1;
    if (tick % 20 === 0) console.log(`  draining: ${ledger.delivered}/${ledger.expected} after ${round((now - loadEndAt) / 1000)} s`);
    if (now - lastProgressAt > idleS * 1000) {
      reason = 'idle';
      break;
    }
    if (now - loadEndAt > maxS * 1000) {
      reason = 'cap';
      break;
    }
  }
  const lastAt = ledger.figures().lastAt;
  return { drainS: round(Math.max(0, (Number.isNaN(lastAt) ? loadEndAt : lastAt) - loadEndAt) / 1000), complete: reason === 'complete', stoppedBecause: reason };
}

export interface RunFigures {
  readonly label: string;
  readonly events: number;
  readonly expected: number;
  readonly delivered: number;
  /** Unique deliveries over the time from the first produce to the last first arrival. */
  readonly deliveriesPerS: number;
  readonly latency: Latency;
  readonly duplicatesSameId: number;
  readonly duplicatesDistinctIds: number;
  readonly unexpected: number;
  readonly lost: number;
  readonly drain: DrainOutcome;
  readonly load: LoadFigures;
  readonly samples: readonly string[];
}

export function runFigures(label: string, ledger: DeliveryLedger, load: LoadFigures, loadStartAt: number, outcome: DrainOutcome): RunFigures {
  const f = ledger.figures();
  const spanS = (f.lastAt - loadStartAt) / 1000;
  return {
    label,
    events: f.incidents,
    expected: f.expected,
    delivered: f.delivered,
    deliveriesPerS: round(spanS > 0 ? f.delivered / spanS : 0),
    latency: latency(f.latenciesMs),
    duplicatesSameId: f.duplicatesSameId,
    duplicatesDistinctIds: f.duplicatesDistinctIds,
    unexpected: f.unexpected,
    lost: f.lost,
    drain: outcome,
    load,
    samples: f.samples,
  };
}
