/**
 * The projection's stores with a stopwatch: each call's time and size summed per method, so the
 * bench can say where the build goes (reading a day's facts, writing a day's rollups, ...); what is
 * left of a roll's time is the rollups' computing (rollDay) in the bench's own process.
 */
import { IncidentFactStore, IncidentRollupStore } from '@itsm/reporting';
import type { DayRollup, DirtyFact, FactWrite, IncidentFact, StoredFact } from '@itsm/reporting';

export interface MethodTime {
  calls: number;
  ms: number;
  /** Documents read or written. */
  docs: number;
}

export type Stopwatch = Map<string, MethodTime>;

async function clock<T>(watch: Stopwatch, name: string, run: () => Promise<T>, docs: (answer: T) => number): Promise<T> {
  const started = performance.now();
  const answer = await run();
  const entry = watch.get(name) ?? { calls: 0, ms: 0, docs: 0 };
  watch.set(name, { calls: entry.calls + 1, ms: entry.ms + performance.now() - started, docs: entry.docs + docs(answer) });
  return answer;
}

export class TimedFactStore extends IncidentFactStore {
  constructor(
    private readonly inner: IncidentFactStore,
    readonly watch: Stopwatch,
  ) {
    super();
  }
  load(ids: readonly string[]): Promise<ReadonlyMap<string, StoredFact>> {
    return clock(this.watch, 'facts.load', () => this.inner.load(ids), (m) => m.size);
  }
  write(writes: readonly FactWrite[]): Promise<ReadonlySet<string>> {
    return clock(this.watch, 'facts.write', () => this.inner.write(writes), () => writes.length);
  }
  dirty(limit: number): Promise<readonly DirtyFact[]> {
    return clock(this.watch, 'facts.dirty', () => this.inner.dirty(limit), (d) => d.length);
  }
  ofDay(day: number): Promise<readonly IncidentFact[]> {
    return clock(this.watch, 'facts.ofDay', () => this.inner.ofDay(day), (f) => f.length);
  }
  clean(facts: readonly DirtyFact[]): Promise<void> {
    return clock(this.watch, 'facts.clean', () => this.inner.clean(facts), () => facts.length);
  }
  open(supplierOrgId: string | null): Promise<readonly IncidentFact[]> {
    return clock(this.watch, 'facts.open', () => this.inner.open(supplierOrgId), (f) => f.length);
  }
}

export class TimedRollupStore extends IncidentRollupStore {
  constructor(
    private readonly inner: IncidentRollupStore,
    readonly watch: Stopwatch,
  ) {
    super();
  }
  claimDay(day: number, leaseMs?: number): Promise<number | null> {
    return clock(this.watch, 'rollups.claimDay', () => this.inner.claimDay(day, leaseMs), () => 1);
  }

  replaceDay(day: number, rollups: readonly DayRollup[], generation: number): Promise<boolean> {
    return clock(this.watch, 'rollups.replaceDay', () => this.inner.replaceDay(day, rollups, generation), () => rollups.length);
  }
  find(family: string, a: string | undefined, b: string | undefined, fromDay: number, toDay: number, slotDays: readonly number[]): Promise<readonly DayRollup[]> {
    return clock(this.watch, 'rollups.find', () => this.inner.find(family, a, b, fromDay, toDay, slotDays), (r) => r.length);
  }
}

/** One line per method: calls, total seconds, documents, ms per call. */
export function showStopwatch(watch: Stopwatch): string[] {
  return [...watch].map(([name, t]) => `${name.padEnd(20)} ${String(t.calls).padStart(7)} calls ${(t.ms / 1000).toFixed(1).padStart(8)} s ${String(t.docs).padStart(10)} docs  ${(t.ms / Math.max(1, t.calls)).toFixed(2)} ms/call`);
}
