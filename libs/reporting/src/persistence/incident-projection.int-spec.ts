import { connectContext } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { IncidentProjector, IncidentRollups } from '../application/incident-projector';
import { IncidentReports } from '../application/incident-reports';
import type { IncidentReportQuery } from '../application/incident-reports';
import type { IncidentEvent } from '../domain';
import { HOUR, incidentHistory, MIN } from '../test-fixtures/incident-history';
import { IncidentFactRepository } from './incident-fact.repository';
import { IncidentRollupRepository } from './incident-rollup.repository';
import { specMongoUrl } from '../test-fixtures/spec-peers';


/** The incident projection on one database: its facts, rollups, and the reports over them. */
async function projection() {
  const connection: Connection = await connectContext({ url: specMongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
  const facts = new IncidentFactRepository(connection);
  const rollups = new IncidentRollupRepository(connection);
  return { connection, facts, projector: new IncidentProjector(facts), rollups: new IncidentRollups(facts, rollups), reports: new IncidentReports(rollups, facts, { now: () => new Date() }) };
}

const QUERIES: readonly IncidentReportQuery[] = [
  { period: { from: '2026-03-02', to: '2026-03-04', timeZone: 'UTC', grain: 'day' }, groupBy: 'priority', filter: null },
  { period: { from: '2026-03-01', to: '2026-04-01', timeZone: 'America/New_York', grain: 'month' }, groupBy: 'supplier', filter: null },
  { period: { from: '2026-03-01', to: '2026-04-01', timeZone: 'Asia/Kolkata', grain: 'week' }, groupBy: 'group', filter: { dimension: 'supplier', value: 'northwind' } },
];

/**
 * The projection on the MongoDB peer: the scripted history gives the hand-computed figures; the
 * same events applied one at a time, shuffled across incidents, duplicated and replayed, or
 * rebuilt into an empty database give the same reports.
 */
describe('the incident projection on the MongoDB peer', () => {
  const opened: Awaited<ReturnType<typeof projection>>[] = [];
  const fresh = async () => {
    const p = await projection();
    opened.push(p);
    return p;
  };
  const answers = async (p: Awaited<ReturnType<typeof projection>>) => Promise.all(QUERIES.map((q) => p.reports.report(q)));

  afterAll(async () => {
    for (const p of opened) {
      await p.connection.dropDatabase();
      await p.connection.close();
    }
  });

  it('answers the hand-computed figures, and the same after duplicates, replays and a rebuild from the events', async () => {
    const events = incidentHistory();
    const live = await fresh();
    // Live: one event at a time (as consumed), rollups made between some of them.
    for (const [i, event] of events.entries()) {
      await live.projector.apply([event]);
      if (i % 3 === 0) await live.rollups.roll();
    }
    await live.rollups.drain();
    const [byPriority, bySupplier, northwindByGroup] = await answers(live);
    expect(byPriority?.map((r) => [r.period, r.group, r.opened, r.resolved, r.mttaMs, r.mttrMs, r.reopenRate, r.firstTimeFixRate, r.canceled])).toEqual([
      ['2026-03-02', '1', 1, 0, null, null, null, null, 0],
      ['2026-03-02', '2', 2, 2, 37.5 * MIN, 3 * HOUR, 0.5, 0.5, 0],
      ['2026-03-03', '1', 0, 0, null, null, null, null, 1],
    ]);
    expect(bySupplier?.map((r) => [r.group, r.opened, r.resolved, r.handedOver])).toEqual([
      ['', 1, 0, 0],
      ['contoso', 2, 1, 1],
      ['northwind', 0, 1, 0],
    ]);
    expect(northwindByGroup?.map((r) => [r.period, r.group, r.resolved, r.mttrMs])).toEqual([['2026-W10', 'network', 1, 4 * HOUR]]);

    // Redelivered and replayed: the facts skip what they applied, the figures stay.
    await live.projector.apply([...events.slice(3, 8), ...events]);
    await live.rollups.drain();
    expect(await answers(live)).toEqual([byPriority, bySupplier, northwindByGroup]);

    // Rebuilt from the topic into an empty projection, in batches, incidents interleaved differently.
    const rebuilt = await fresh();
    const bySubject = [...events].sort((x, y) => x.subject.localeCompare(y.subject) || x.sequence - y.sequence);
    await rebuilt.projector.apply(bySubject.slice(0, 6));
    await rebuilt.projector.apply(bySubject.slice(6));
    await rebuilt.rollups.drain();
    expect(await answers(rebuilt)).toEqual([byPriority, bySupplier, northwindByGroup]);
  });

  it('makes a changed incident\'s days again (a reopen marks its first resolution reopened, no longer a first-time fix), and keeps the backlog', async () => {
    const p = await fresh();
    const events = incidentHistory();
    const upToFirstResolution = events.slice(0, 7); // b resolved at 14:00, not yet reopened
    await p.projector.apply(upToFirstResolution);
    await p.rollups.drain();
    const day = { period: { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC', grain: 'day' }, groupBy: null, filter: null } as const;
    expect((await p.reports.report(day)).map((r) => [r.resolved, r.mttrMs, r.reopened, r.firstTimeFix])).toEqual([[2, 3 * HOUR, 0, 1]]);
    const reopen = events[7] as IncidentEvent;
    await p.projector.apply([reopen]);
    await p.rollups.drain();
    expect((await p.reports.report(day)).map((r) => [r.resolved, r.mttrMs, r.reopened, r.firstTimeFix])).toEqual([[2, 3 * HOUR, 1, 1]]);
    expect((await p.facts.open(null)).map((f) => f.id)).toEqual(['b']);
    expect(await p.facts.open('contoso')).toEqual([]);
    expect((await p.facts.open('northwind')).map((f) => f.id)).toEqual(['b']);
  });

  it('keeps the rollups of the later making when two makings of a day race (the earlier one writes last), and says it was overtaken', async () => {
    const connection = await connectContext({ url: specMongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
    opened.push({ connection } as Awaited<ReturnType<typeof projection>>);
    const store = new IncidentRollupRepository(connection);
    const rollup = (family: string, a: string, count: number) => ({ day: 20_514, family, a, b: '', slots: { opened: [0, count] }, totals: { opened: count } });
    const earlier = (await store.claimDay(20_514)) as number;
    const later = (await store.claimDay(20_514)) as number;
    expect(later).toBeGreaterThan(earlier);
    expect(await store.replaceDay(20_514, [rollup('priority', '1', 5), rollup('priority', '2', 7)], later)).toBe(true);
    expect(await store.replaceDay(20_514, [rollup('priority', '1', 1), rollup('priority', '3', 1)], earlier)).toBe(false);
    const kept = await store.find('priority', undefined, '', 20_514, 20_514, []);
    // The earlier making's new document stands beside the later one's until the day, still dirty, is made again.
    expect(kept.map((r) => [r.a, r.totals.opened]).sort()).toEqual([['1', 5], ['2', 7], ['3', 1]]);
    expect(await store.replaceDay(20_514, [rollup('priority', '1', 5), rollup('priority', '2', 7)], (await store.claimDay(20_514)) as number)).toBe(true);
    expect((await store.find('priority', undefined, '', 20_514, 20_514, [])).map((r) => r.a).sort()).toEqual(['1', '2']);
  });

  it('lets one making at a time hold a day under a lease (another replica skips it), released when the making ends', async () => {
    const connection = await connectContext({ url: specMongoUrl(), dbPrefix: 'itsm_test' }, `reporting_${randomUUID().slice(0, 8)}`);
    opened.push({ connection } as Awaited<ReturnType<typeof projection>>);
    const store = new IncidentRollupRepository(connection);
    const first = await store.claimDay(20_600, 60_000);
    expect(first).toBe(1);
    // Held for a minute: a second replica's claim is refused, another day is free.
    expect(await store.claimDay(20_600, 60_000)).toBeNull();
    expect(await store.claimDay(20_601, 60_000)).toBe(1);
    expect(await store.replaceDay(20_600, [], first as number)).toBe(true);
    // Released: the next making claims it, generation 2.
    expect(await store.claimDay(20_600, 60_000)).toBe(2);
    // A lease already run out is no hold.
    expect(await store.claimDay(20_602, -1)).toBe(1);
    expect(await store.claimDay(20_602, 60_000)).toBe(2);
  });

  it('leaves the facts of a day another replica holds dirty, and makes the day once the lease is released', async () => {
    const p = await fresh();
    const events = incidentHistory();
    await p.projector.apply(events);
    const other = new IncidentRollupRepository(p.connection);
    const day = Date.parse('2026-03-02T00:00:00Z') / 86_400_000;
    const held = (await other.claimDay(day, 60_000)) as number;
    await p.rollups.roll();
    const query = { period: { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC', grain: 'day' }, groupBy: null, filter: null } as const;
    // 2 March was skipped: nothing counted there, its facts still dirty.
    expect(await p.reports.report(query)).toEqual([]);
    expect((await p.facts.dirty(10)).length).toBeGreaterThan(0);
    expect(await other.replaceDay(day, [], held)).toBe(true);
    await p.rollups.drain();
    expect((await p.reports.report(query)).map((r) => [r.opened, r.resolved])).toEqual([[3, 2]]);
    expect(await p.facts.dirty(10)).toEqual([]);
  });
});
