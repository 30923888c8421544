import { connectContext } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { SlaClockProjector, SlaDays } from '../application/sla-clock-projector';
import { SlaReports } from '../application/sla-reports';
import type { SlaComplianceQuery } from '../application/sla-reports';
import type { SlaEvent } from '../domain';
import { HOUR, slaHistory, STATUS_NOW } from '../test-fixtures/sla-history';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaDayRepository } from './sla-day.repository';
import { specMongoUrl } from '../test-fixtures/spec-peers';


/** The SLA projection on one database: clock facts, compliance days, and the reports over them. */
async function projection() {
  const connection: Connection = await connectContext({ url: specMongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
  const clocks = new SlaClockRepository(connection);
  const days = new SlaDayRepository(connection);
  return { connection, projector: new SlaClockProjector(clocks, days), days: new SlaDays(clocks, days), reports: new SlaReports(days, clocks, { now: () => new Date(STATUS_NOW) }) };
}

const QUERIES: readonly SlaComplianceQuery[] = [
  { period: { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' }, groupBy: null, filter: {} },
  { period: { from: '2026-03-02', to: '2026-03-04', timeZone: 'Europe/Zurich', grain: 'day' }, groupBy: 'definition', filter: {} },
  { period: { from: '2026-03-01', to: '2026-04-01', timeZone: 'Asia/Kolkata', grain: 'week' }, groupBy: 'supplier', filter: { kind: 'UC' } },
];

/**
 * The SLA projection on the MongoDB peer: the scripted stream gives the hand-computed figures; the
 * same events one at a time, shuffled across tickets, duplicated, or rebuilt into an empty database
 * give the same reports.
 */
describe('the SLA projection on the MongoDB peer', () => {
  const opened: Awaited<ReturnType<typeof projection>>[] = [];
  const fresh = async () => {
    const p = await projection();
    opened.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of opened) await p.connection.close();
  });
  const answers = async (p: Awaited<ReturnType<typeof projection>>) => Promise.all(QUERIES.map((q) => p.reports.compliance(q)));

  it('answers the hand-computed month, and the same after duplicates, per-event delivery and a rebuild', async () => {
    const batch = await fresh();
    await batch.projector.apply(slaHistory());
    await batch.days.drain();
    const [month] = await answers(batch);
    // A met 2 h, B breached 7.5 h (latest stop), D met 6 h business / 4 h elapsed, H breached 10 h; C canceled.
    expect(month).toEqual([
      { period: '2026-03', periodStart: Date.parse('2026-03-01T00:00:00Z'), periodEnd: Date.parse('2026-04-01T00:00:00Z'), group: null, met: 2, breached: 2, compliance: 0.5, meanBusinessMs: (25.5 * HOUR) / 4, meanElapsedMs: (23.5 * HOUR) / 4 },
    ]);
    const expected = await answers(batch);
    expect(expected.map((rows) => rows.length > 0)).toEqual([true, true, true]);

    // One event at a time, tickets interleaved (each ticket's own order kept), every event twice, days made between.
    const single = await fresh();
    const events = slaHistory();
    const byTicket = new Map<string, SlaEvent[]>();
    for (const e of events) byTicket.set(e.subject, [...(byTicket.get(e.subject) ?? []), e]);
    const streams = [...byTicket.values()].reverse();
    for (let i = 0; streams.some((s) => s.length > 0); i += 1) {
      const next = streams[i % streams.length]?.shift();
      if (next === undefined) continue;
      await single.projector.apply([next]);
      await single.projector.apply([next]);
      if (i % 3 === 0) await single.days.roll();
    }
    await single.days.drain();
    expect(await answers(single)).toEqual(expected);

    // Replayed into the first: nothing moves.
    await batch.projector.apply(slaHistory());
    await batch.days.drain();
    expect(await answers(batch)).toEqual(expected);
  });
});
