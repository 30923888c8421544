import { incidentTopic, supplierExchangeTopic } from '@itsm/contracts';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, IncidentFeed, testPeers } from '@itsm/testing';
import { PROJECTION_GENERATION } from './persistence/projection-generation';
import { reportingContext, reportingContextOf } from './reporting.context';
import { specGraphql } from './test-fixtures/spec-peers';
import { HOUR, incidentHistory, incidentStream, MIN, openedData, resolvedData, supplierUpdates } from './test-fixtures/incident-history';

const ROWS = `query($period: ReportPeriodInput!, $groupBy: ReportDimension, $filter: ReportFilterInput) {
  incidentReport(period: $period, groupBy: $groupBy, filter: $filter) { period periodStart group opened acknowledged resolved canceled reopened firstTimeFix handedOver mttaMs mttrMs reopenRate firstTimeFixRate }
}`;
const SCORECARD = `query($orgId: ID!, $period: ReportPeriodInput!) {
  supplierScorecard(orgId: $orgId, period: $period) { orgId periods { period resolved mttrMs handedOver reopenRate } backlog { open } rejections { period rejected } }
}`;
const MARCH = { from: '2026-03-01', to: '2026-04-01', timeZone: 'Europe/Zurich', grain: 'month' };

/**
 * The reporting service on the peers, fed the scripted incident history through its consumer:
 * GraphQL answers the hand-computed figures; a supplier agent reads its own organisation's only.
 */
describe('reporting on the peers', () => {
  let booted: SpecContext;
  let agent: string;
  let northwind: string;

  beforeAll(async () => {
    booted = await bootContextForSpec(reportingContext, { mongoUrl: testPeers().mongoUrl, settings: { rollupEveryMs: 100, rollupBatch: 1_000 }, probeTopics: [] });
    agent = await booted.token('u-agent', ['agent']);
    northwind = await booted.token('u-northwind', ['supplier-agent'], 'northwind');
    // The bus keeps every event, as the topics' retention does, for the rebuild below.
    booted.bus.holdTruncation();
    const events = incidentHistory();
    // Delivered twice: the second delivery changes no figure.
    await booted.bus.publishEnvelopes(incidentTopic.name, [...events, ...events]);
    await booted.bus.publishEnvelopes(supplierExchangeTopic.name, [...supplierUpdates(), ...supplierUpdates()]);
    await booted.bus.publishEnvelopes(incidentTopic.name, [new IncidentFeed().opened('d-open', 3)]);
  });
  afterAll(async () => {
    await booted?.close();
  });

  const { ok, code } = specGraphql(() => booted);

  it('answers the hand-computed figures by priority for a UTC day', async () => {
    const day = { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC', grain: 'day' };
    // Eventually: the rollups follow the events (REPORTING_ROLLUP_MS), B's reopen and second resolution last.
    await expectEventually(async () => {
      const rows = await ok<Record<string, unknown>[]>(agent, ROWS, { period: day, groupBy: 'priority' });
      expect(rows.map((r) => r['group'])).toEqual(['1', '2']);
      expect(rows[1]).toEqual({
      period: '2026-03-02',
      periodStart: '2026-03-02T00:00:00.000Z',
      group: '2',
      opened: 2,
      acknowledged: 2,
      resolved: 2,
      canceled: 0,
      reopened: 1,
      firstTimeFix: 1,
      handedOver: 1,
      mttaMs: 37.5 * MIN,
      mttrMs: 3 * HOUR,
      reopenRate: 0.5,
      firstTimeFixRate: 0.5,
      });
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(await ok(agent, 'query { incidentBacklog(groupBy: priority) { group open } }', {})).toEqual([{ group: '3', open: 1 }]);
  });

  it("scopes a supplier agent to its own organisation's figures and scorecard", async () => {
    const own = await ok<Record<string, unknown>[]>(northwind, ROWS, { period: MARCH });
    expect(own.map((r) => [r['period'], r['opened'], r['resolved'], r['mttrMs'], r['reopened']])).toEqual([['2026-03', 0, 1, 4 * HOUR, 1]]);
    expect(await code(northwind, ROWS, { period: MARCH, filter: { dimension: 'supplier', value: 'contoso' } })).toBe('REPORTING.FORBIDDEN');
    expect(await code(northwind, ROWS, { period: MARCH, filter: { dimension: 'priority', value: '2' } })).toBe('REPORTING.FORBIDDEN');
    expect(await code(northwind, SCORECARD, { orgId: 'contoso', period: MARCH })).toBe('REPORTING.FORBIDDEN');
    expect(await ok(northwind, SCORECARD, { orgId: 'northwind', period: MARCH })).toEqual({
      orgId: 'northwind',
      periods: [{ period: '2026-03', resolved: 1, mttrMs: 4 * HOUR, handedOver: 0, reopenRate: 1 }],
      backlog: null,
      // B, rejected through its connection while Northwind held it (delivered twice: once).
      rejections: [{ period: '2026-03', rejected: 1 }],
    });
    expect(await ok(agent, SCORECARD, { orgId: 'contoso', period: MARCH })).toEqual({ orgId: 'contoso', periods: [{ period: '2026-03', resolved: 1, mttrMs: 2 * HOUR, handedOver: 1, reopenRate: 0 }], backlog: null, rejections: [{ period: '2026-03', rejected: 0 }] });
    const requester = await booted.token('u-requester', ['requester']);
    expect(await code(requester, ROWS, { period: MARCH })).toBe('FORBIDDEN');
  });

  it('rebuilds the projection from the topic as the next generation (its own group and collections) with the same figures', async () => {
    const rebuilt = await bootContextForSpec(reportingContextOf(PROJECTION_GENERATION + 1), {
      mongoUrl: testPeers().mongoUrl,
      settings: { rollupEveryMs: 100, rollupBatch: 1_000 },
      probeTopics: [],
      bus: booted.bus,
    });
    try {
      const rebuiltAgent = await rebuilt.token('u-agent', ['agent']);
      const asked = [
        [ROWS, { period: MARCH, groupBy: 'priority' }],
        [ROWS, { period: { from: '2026-03-01', to: '2026-03-08', timeZone: 'Asia/Kolkata', grain: 'day' }, groupBy: 'supplier' }],
        [SCORECARD, { orgId: 'northwind', period: MARCH }],
        ['query { incidentBacklog(groupBy: priority) { group open } }', {}],
      ] as const;
      const live = await Promise.all(asked.map(([query, variables]) => ok(agent, query, variables)));
      expect(live[0]).not.toEqual([]);
      await expectEventually(async () => {
        const answers = await Promise.all(asked.map(async ([query, variables]) => Object.values((await rebuilt.graphql(rebuiltAgent, query, variables)).data ?? {})[0]));
        expect(answers).toEqual(live);
      }, { timeoutMs: 20_000, intervalMs: 200 });
      // Its readiness waits for its group to have read the streams and its rollups to be made (the bus contract spec shows the gating itself).
      await expectEventually(async () => {
        const ready = await fetch(`${rebuilt.baseUrl}/health/ready`);
        expect(((await ready.json()) as { checks: { name: string; ok: boolean }[] }).checks).toEqual(expect.arrayContaining([{ name: 'projection-caught-up', ok: true }, { name: 'reporting-rollups-made', ok: true }]));
        expect(ready.status).toBe(200);
      }, { timeoutMs: 10_000, intervalMs: 200 });
    } finally {
      await rebuilt.close();
    }
  });

  it('refuses a period it cannot answer with a typed error', async () => {
    expect(await code(agent, ROWS, { period: { ...MARCH, timeZone: 'Mars/Olympus' } })).toBe('REPORTING.INVALID_PERIOD');
    expect(await code(agent, ROWS, { period: { from: '2026-03-01', to: '2026-02-01', timeZone: 'UTC', grain: 'day' } })).toBe('REPORTING.INVALID_PERIOD');
  });

  it('exports a report as CSV with the same figures and scoping, refusals as JSON with their codes', async () => {
    const csv = async (bearer: string | null, path: string) => {
      const response = await fetch(`${booted.baseUrl}/reporting/v1/${path}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    const report = await csv(agent, 'incident-report.csv?from=2026-03-01&to=2026-03-05&timeZone=UTC&grain=day&groupBy=priority');
    expect(report.status).toBe(200);
    expect(report.type).toBe('text/csv; charset=utf-8');
    const lines = report.body.trim().split('\n');
    expect(lines[0]).toBe('period,periodStart,periodEnd,group,opened,acknowledged,resolved,canceled,reopened,firstTimeFix,handedOver,holdsEnded,meanHoldMs,mttaMs,mttrMs,reopenRate,firstTimeFixRate');
    expect(lines.slice(1)).toEqual([
      '2026-03-02,2026-03-02T00:00:00.000Z,2026-03-03T00:00:00.000Z,1,1,0,0,0,0,0,0,0,,,,,',
      `2026-03-02,2026-03-02T00:00:00.000Z,2026-03-03T00:00:00.000Z,2,2,2,2,0,1,1,1,3,${(8 * HOUR) / 3},${37.5 * MIN},${3 * HOUR},0.5,0.5`,
      '2026-03-03,2026-03-03T00:00:00.000Z,2026-03-04T00:00:00.000Z,1,0,0,0,1,0,0,0,0,,,,,',
    ]);
    // Eleven months by day cross several chunks of rollups: the days with figures, in order (d-open, opened today, is after the range).
    const months = await csv(agent, 'incident-report.csv?from=2026-01-01&to=2026-12-01&grain=day');
    expect(months.body.trim().split('\n').slice(1).map((line) => line.split(',')[0])).toEqual(['2026-03-02', '2026-03-03']);
    const scoped = await csv(northwind, 'incident-report.csv?from=2026-03-01&to=2026-04-01');
    expect(scoped.body.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 7).join(','))).toEqual(['2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,,0,1,1']);
    const refused = await csv(northwind, 'incident-report.csv?from=2026-03-01&to=2026-04-01&filter=supplier:contoso');
    expect([refused.status, JSON.parse(refused.body).error.code]).toEqual([403, 'REPORTING.FORBIDDEN']);
    const invalid = await csv(agent, 'incident-report.csv?from=2026-03-01&to=2026-04-01&groupBy=colour');
    expect([invalid.status, JSON.parse(invalid.body).error]).toEqual([400, expect.objectContaining({ code: 'REPORTING.INVALID_INPUT', details: { field: 'groupBy' } })]);
    expect((await csv(null, 'incident-report.csv?from=2026-03-01&to=2026-04-01')).status).toBe(401);
    expect((await csv(await booted.token('u-requester', ['requester']), 'incident-backlog.csv')).status).toBe(403);
    expect((await csv(agent, 'incident-backlog.csv?groupBy=priority')).body.trim().split('\n')).toEqual(['group,open,oldestAgeMs,meanAgeMs', expect.stringMatching(/^3,1,\d+,\d+$/)]);
  });

  it('keeps the improvement register: the baseline measured when registered, the same measure now, progress to the target', async () => {
    const manager = await booted.token('u-manager', ['incident-manager']);
    const owner = await booted.token('u-owner', ['agent']);
    // Recent incidents (times from now: the window is the last 7 whole days): x takes 24 h, later y 12 h.
    const e = incidentStream();
    // One instant for both ends, so the time taken is exact.
    const resolveIn = (id: string, openedHoursAgo: number, tookHours: number, now = Date.now()) => [
      e(id, 'itsm.incident.opened.v1', new Date(now - openedHoursAgo * HOUR).toISOString(), openedData(4, 'service-desk', 'contoso')),
      e(id, 'itsm.incident.resolved.v1', new Date(now - (openedHoursAgo - tookHours) * HOUR).toISOString(), resolvedData),
    ];
    const p4Mttr = async (): Promise<unknown> => {
      const day = (offset: number): string => new Date(Date.now() + offset * 24 * HOUR).toISOString().slice(0, 10);
      const rows = await ok<{ mttrMs: number | null }[]>(agent, ROWS, { period: { from: day(-10), to: day(1), timeZone: 'UTC', grain: 'whole' }, filter: { dimension: 'priority', value: '4' } });
      return rows[0]?.mttrMs ?? null;
    };
    await booted.bus.publishEnvelopes(incidentTopic.name, resolveIn('x-recent', 96, 24));
    await expectEventually(async () => expect(await p4Mttr()).toBe(24 * HOUR), { timeoutMs: 20_000, intervalMs: 200 });
    const FIELDS = '{ id status version baseline { value } current { value } target { value direction } progress targetReached history { status by } }';
    const input = { title: 'Halve P4 resolution time', ownerId: 'u-owner', measure: { metric: 'mttrMs', windowDays: 7, timeZone: 'UTC', filter: { dimension: 'priority', value: '4' } }, target: { value: 12 * HOUR, direction: 'decrease' } };
    const proposed = await ok<{ id: string; version: number }>(manager, `mutation($input: ProposeImprovementInput!) { proposeImprovement(input: $input) ${FIELDS} }`, { input });
    expect(proposed).toMatchObject({ status: 'proposed', version: 1, baseline: { value: 24 * HOUR }, current: { value: 24 * HOUR }, progress: 0, targetReached: false, history: [{ status: 'proposed', by: 'u-manager' }] });

    await booted.bus.publishEnvelopes(incidentTopic.name, resolveIn('y-recent', 60, 12));
    await expectEventually(async () => expect(await p4Mttr()).toBe(18 * HOUR), { timeoutMs: 20_000, intervalMs: 200 });
    const ONE = `query($id: ID!) { improvementInitiative(id: $id) ${FIELDS} }`;
    expect(await ok(agent, ONE, { id: proposed.id })).toMatchObject({ baseline: { value: 24 * HOUR }, current: { value: 18 * HOUR }, progress: 0.5, targetReached: false });

    const SET = `mutation($id: ID!, $status: ImprovementStatus!, $version: Int!) { setImprovementStatus(id: $id, status: $status, version: $version) ${FIELDS} }`;
    expect(await code(agent, SET, { id: proposed.id, status: 'approved', version: 1 })).toBe('REPORTING.FORBIDDEN');
    expect(await ok(owner, SET, { id: proposed.id, status: 'approved', version: 1 })).toMatchObject({ status: 'approved', version: 2 });
    expect(await code(owner, SET, { id: proposed.id, status: 'in_progress', version: 1 })).toBe('REPORTING.CONFLICT');
    expect(await code(owner, SET, { id: proposed.id, status: 'completed', version: 2 })).toBe('REPORTING.INVALID_INPUT');
    expect(await code(owner, `mutation($input: ProposeImprovementInput!) { proposeImprovement(input: $input) { id } }`, { input })).toBe('FORBIDDEN');
    expect(await code(northwind, 'query { improvementInitiatives { id } }', {})).toBe('FORBIDDEN');
    expect((await ok<{ id: string }[]>(agent, 'query { improvementInitiatives(status: approved) { id } }', {})).map((i) => i.id)).toEqual([proposed.id]);
  });
});
