import { SlaClockProjector, SlaDays } from './sla-clock-projector';
import { SlaClockStore, SlaDayStore } from './sla-projection.ports';
import type { ClockWrite, PendingClock, StoredClock } from './sla-projection.ports';
import { complianceDayOf } from '../domain';
import type { SlaClockFact, SlaDay, SlaDayCell } from '../domain';
import { slaStream } from '../test-fixtures/sla-history';

class Clocks extends SlaClockStore {
  docs = new Map<string, { fact: SlaClockFact; v: number; dirtyDays: number[]; pending: boolean }>();
  async load(keys: readonly string[]) { const m = new Map<string, StoredClock>(); for (const k of keys) { const d = this.docs.get(k); if (d) m.set(k, { fact: d.fact, version: d.v, dirtyDays: d.dirtyDays }); } return m; }
  async write(ws: readonly ClockWrite[]) { const c = new Set<string>(); for (const w of ws) { const d = this.docs.get(w.fact.key); if ((d?.v ?? 0) !== w.version) { c.add(w.fact.key); continue; } this.docs.set(w.fact.key, { fact: w.fact, v: w.version + 1, dirtyDays: [...new Set([...(d?.dirtyDays ?? []), ...w.dirtyDays])], pending: (d?.pending ?? false) || w.dirtyDays.length > 0 }); } return c; }
  async pending(limit: number) { return [...this.docs.values()].filter((d) => d.pending).slice(0, limit).map((d) => ({ key: d.fact.key, version: d.v, dirtyDays: d.dirtyDays })); }
  async settle(cs: readonly PendingClock[]) { for (const c of cs) { const d = this.docs.get(c.key); if (d && d.v === c.version) { d.pending = false; d.dirtyDays = []; } } }
  async stoppedOn(day: number) { return [...this.docs.values()].map((d) => d.fact).filter((f) => complianceDayOf(f) === day); }
  async standing() { return []; }
}
class Days extends SlaDayStore {
  days = new Map<number, { gen: number; dirty: boolean; cells: SlaDayCell[] }>();
  failNext = false;
  async markDirty(ds: readonly number[]) { if (this.failNext) { this.failNext = false; throw new Error('mongo down'); } for (const d of ds) { const x = this.days.get(d) ?? { gen: 0, dirty: false, cells: [] }; x.gen += 1; x.dirty = true; this.days.set(d, x); } }
  async dirty() { return [...this.days.entries()].filter(([, x]) => x.dirty).map(([day, x]) => ({ day, generation: x.gen })); }
  async replace(day: number, gen: number, cells: readonly SlaDayCell[]) { const x = this.days.get(day)!; if (x.gen !== gen) return false; x.cells = [...cells]; x.dirty = false; return true; }
  async find(): Promise<readonly SlaDay[]> { return [...this.days.entries()].map(([day, x]) => ({ day, cells: x.cells })); }
}

/**
 * In-memory stores with the repositories' semantics (versioned writes, dirty days accumulated on the
 * document until settled, day generations): the projector's recovery from a failed marking.
 */
it('marks the days an earlier write left unmarked before settling: a clock reopened and stopped again counts once', async () => {
  const clock = { ticketId: 'x', clockId: 'c#1', definitionId: 'd', kind: 'SLA' as const, targetMs: 3600000, segmentOrgId: null };
  const ev = slaStream();
  const started = ev(clock, 'itsm.sla.clock-started.v1', '2026-03-02T10:00:00Z', { startedAt: '2026-03-02T09:00:00Z' });
  const stopped1 = ev(clock, 'itsm.sla.clock-stopped.v1', '2026-03-02T10:00:00Z', { stoppedAt: '2026-03-02T09:30:00Z', outcome: 'met', elapsedMs: 1800000, pausedMs: 0 });
  const reopened = ev(clock, 'itsm.sla.clock-rescheduled.v1', '2026-03-05T10:30:00Z', { resumedAt: '2026-03-05T10:00:00Z', elapsedMs: 1800000 });
  const stopped2 = ev(clock, 'itsm.sla.clock-stopped.v1', '2026-03-05T10:30:00Z', { stoppedAt: '2026-03-05T10:10:00Z', outcome: 'met', elapsedMs: 2400000, pausedMs: 0 });
  const clocks = new Clocks();
  const days = new Days();
  const p = new SlaClockProjector(clocks, days);
  const roll = new SlaDays(clocks, days);
  await p.apply([started, stopped1]); await roll.drain();
  days.failNext = true;
  await expect(p.apply([reopened])).rejects.toThrow('mongo down');
  await p.apply([reopened]); // bus retry: no-op
  await p.apply([stopped2]);
  await roll.drain();
  // Its only stop is on 5 March: 2 March's cell is gone (had its dirty day been dropped, the clock would count on both days).
  const total = [...days.days.values()].flatMap((x) => x.cells).reduce((s, c) => s + c.total[0] + c.total[1], 0);
  expect(total).toBe(1);
});
