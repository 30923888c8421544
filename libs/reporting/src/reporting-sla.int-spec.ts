import { slaTopic } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { reportingContext } from './reporting.context';
import { specGraphql } from './test-fixtures/spec-peers';
import { HOUR, MIN, slaHistory, STATUS_NOW } from './test-fixtures/sla-history';

const COMPLIANCE = `query($period: ReportPeriodInput!, $groupBy: SlaReportDimension, $filter: SlaReportFilterInput) {
  slaCompliance(period: $period, groupBy: $groupBy, filter: $filter) { period group met breached compliance meanBusinessMs meanElapsedMs }
}`;
const STATUS = `query($filter: SlaReportFilterInput, $limit: Int) {
  slaStatus(filter: $filter, limit: $limit) { clocks { ticketId clockId kind state breached atRisk timeToBreachMs dueAt } perDefinition { definitionId breached atRisk } }
}`;
const SCORECARD = `query($orgId: ID!, $period: ReportPeriodInput!) { supplierScorecard(orgId: $orgId, period: $period) { orgId ucCompliance { period met breached compliance meanBusinessMs } } }`;
const MARCH = { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' };

/**
 * SLA/OLA/UC reporting on the peers, fed the scripted SLA stream (libs/sla's shape) twice through
 * its consumer: GraphQL answers the hand-computed figures (as the domain spec), the status at a
 * fixed instant, a supplier agent its own organisation's clocks only; the CSV export the same.
 */
describe('SLA reporting on the peers', () => {
  let booted: SpecContext;
  let agent: string;
  let northwind: string;

  beforeAll(async () => {
    booted = await bootContextForSpec(reportingContext, { mongoUrl: testPeers().mongoUrl, settings: { rollupEveryMs: 100, rollupBatch: 1_000 }, probeTopics: [] });
    jest.spyOn(booted.app.get(Clock), 'now').mockImplementation(() => new Date(STATUS_NOW));
    agent = await booted.token('u-agent', ['agent']);
    northwind = await booted.token('u-northwind', ['supplier-agent'], 'northwind');
    const events = slaHistory();
    // Delivered twice (the second time in reverse order): no figure changes.
    await booted.bus.publishEnvelopes(slaTopic.name, events);
    await booted.bus.publishEnvelopes(slaTopic.name, [...events].reverse());
  });
  afterAll(async () => {
    await booted?.close();
  });

  const { ok, code } = specGraphql(() => booted);

  it('answers compliance per period: each clock once at its latest stop, canceled ones nowhere', async () => {
    await expectEventually(
      async () =>
        // A met 2 h, B breached 7.5 h (its latest stop), D met 4 h + 2 h paused, H breached 10 h; C canceled.
        expect(await ok(agent, COMPLIANCE, { period: MARCH })).toEqual([
          { period: '2026-03', group: null, met: 2, breached: 2, compliance: 0.5, meanBusinessMs: ((2 + 7.5 + 6 + 10) * HOUR) / 4, meanElapsedMs: ((2 + 7.5 + 4 + 10) * HOUR) / 4 },
        ]),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    // Zurich days: B's stop at 23:30Z is 03-03 00:30 there (a day read by its slots).
    const zurich = await ok<{ period: string; met: number; breached: number }[]>(agent, COMPLIANCE, { period: { from: '2026-03-02', to: '2026-03-04', timeZone: 'Europe/Zurich', grain: 'day' } });
    expect(zurich.map((r) => [r.period, r.met, r.breached])).toEqual([
      ['2026-03-02', 2, 1],
      ['2026-03-03', 0, 1],
    ]);
    const byKind = await ok<{ group: string; compliance: number }[]>(agent, COMPLIANCE, { period: MARCH, groupBy: 'kind' });
    expect(byKind.map((r) => [r.group, r.compliance])).toEqual([
      ['SLA', 0.5],
      ['UC', 0.5],
    ]);
  });

  it('measures an improvement initiative by SLA compliance (its filter a compliance dimension), refusing a filter of another report', async () => {
    const manager = await booted.token('u-manager', ['incident-manager']);
    await expectEventually(async () => expect((await ok<unknown[]>(agent, COMPLIANCE, { period: MARCH })).length).toBe(1), { timeoutMs: 20_000, intervalMs: 200 });
    const PROPOSE = 'mutation($input: ProposeImprovementInput!) { proposeImprovement(input: $input) { baseline { value from to } current { value } progress measure { metric filter { dimension value } } } }';
    // The injected now is 03-10 11:30Z: the last 9 whole UTC days are 03-01 to 03-09, every stop above: UC clocks 1 met of 2.
    const measure = { metric: 'slaCompliance', windowDays: 9, timeZone: 'UTC', slaFilter: { dimension: 'kind', value: 'UC' } };
    const target = { value: 0.95, direction: 'increase' };
    expect(await ok(manager, PROPOSE, { input: { title: 'UC compliance to 95 %', ownerId: 'u-owner', measure, target } })).toEqual({
      baseline: { value: 0.5, from: '2026-03-01', to: '2026-03-10' },
      current: { value: 0.5 },
      progress: 0,
      measure: { metric: 'slaCompliance', filter: { dimension: 'kind', value: 'UC' } },
    });
    const breaches = await ok<{ baseline: { value: number } }>(manager, PROPOSE, { input: { title: 'Fewer SLA breaches', ownerId: 'u-owner', measure: { ...measure, metric: 'slaBreached', slaFilter: null }, target: { value: 0, direction: 'decrease' } } });
    expect(breaches.baseline.value).toBe(2);
    const stray = { title: 'UC compliance to 95 %', ownerId: 'u-owner', measure: { ...measure, filter: { dimension: 'priority', value: '1' } }, target };
    expect(await code(manager, PROPOSE, { input: stray })).toBe('REPORTING.INVALID_INPUT');
    expect(await code(manager, PROPOSE, { input: { ...stray, measure: { ...measure, slaFilter: { dimension: 'kind', value: 'XLA' } } } })).toBe('REPORTING.INVALID_INPUT');
  });

  it('answers the status now (the injected clock): breached then at risk, with the time to breach', async () => {
    const status = await ok<{ clocks: Record<string, unknown>[]; perDefinition: unknown[] }>(agent, STATUS, {});
    // F: due 10:00Z, now 11:30Z: -90 min; E: warned at 75 %, due 12:00Z: 30 min; G paused under its target: neither.
    expect(status.clocks.map((c) => [c['ticketId'], c['breached'], c['atRisk'], c['timeToBreachMs']])).toEqual([
      ['f', true, false, -90 * MIN],
      ['e', false, true, 30 * MIN],
    ]);
    expect(status.perDefinition).toEqual([
      { definitionId: 'p2-resolution', breached: 0, atRisk: 1 },
      { definitionId: 'uc-northwind', breached: 1, atRisk: 0 },
    ]);
    expect(await code(agent, STATUS, { limit: 0 })).toBe('REPORTING.INVALID_INPUT');
  });

  it("scopes a supplier agent to its organisation's clocks, and adds its UC compliance to its scorecard", async () => {
    // Northwind's clocks: D (UC, met, 6 h business) stopped; F (UC) breached now. Contoso's H is not among them.
    expect(await ok(northwind, COMPLIANCE, { period: MARCH })).toEqual([{ period: '2026-03', group: null, met: 1, breached: 0, compliance: 1, meanBusinessMs: 6 * HOUR, meanElapsedMs: 4 * HOUR }]);
    expect(await code(northwind, COMPLIANCE, { period: MARCH, filter: { supplierOrgId: 'contoso' } })).toBe('REPORTING.FORBIDDEN');
    const own = await ok<{ clocks: { ticketId: string }[] }>(northwind, STATUS, {});
    expect(own.clocks.map((c) => c.ticketId)).toEqual(['f']);
    expect(await ok(northwind, SCORECARD, { orgId: 'northwind', period: MARCH })).toEqual({ orgId: 'northwind', ucCompliance: [{ period: '2026-03', met: 1, breached: 0, compliance: 1, meanBusinessMs: 6 * HOUR }] });
    expect(await ok(agent, SCORECARD, { orgId: 'contoso', period: MARCH })).toEqual({ orgId: 'contoso', ucCompliance: [{ period: '2026-03', met: 0, breached: 1, compliance: 0, meanBusinessMs: 10 * HOUR }] });
    expect(await code(northwind, SCORECARD, { orgId: 'contoso', period: MARCH })).toBe('REPORTING.FORBIDDEN');
  });

  it('exports compliance as CSV with the same figures and scoping', async () => {
    const csv = async (bearer: string, path: string) => {
      const response = await fetch(`${booted.baseUrl}/reporting/v1/${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      return { status: response.status, body: await response.text() };
    };
    const all = await csv(agent, 'sla-compliance.csv?from=2026-03-01&to=2026-04-01&groupBy=kind');
    expect(all.status).toBe(200);
    expect(all.body.trim().split('\n')).toEqual([
      'period,periodStart,periodEnd,group,met,breached,compliance,meanBusinessMs,meanElapsedMs',
      `2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,SLA,1,1,0.5,${(9.5 * HOUR) / 2},${(9.5 * HOUR) / 2}`,
      `2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,UC,1,1,0.5,${8 * HOUR},${7 * HOUR}`,
    ]);
    const scoped = await csv(northwind, 'sla-compliance.csv?from=2026-03-01&to=2026-04-01&kind=UC');
    expect(scoped.body.trim().split('\n').slice(1)).toEqual([`2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,,1,0,1,${6 * HOUR},${4 * HOUR}`]);
    const refused = await csv(northwind, 'sla-compliance.csv?from=2026-03-01&to=2026-04-01&supplierOrgId=contoso');
    expect([refused.status, JSON.parse(refused.body).error.code]).toEqual([403, 'REPORTING.FORBIDDEN']);
    const invalid = await csv(agent, 'sla-compliance.csv?from=2026-03-01&to=2026-04-01&kind=XLA');
    expect([invalid.status, JSON.parse(invalid.body).error.details]).toEqual([400, { field: 'kind' }]);
    // The other exports' filter syntax is refused, not ignored (the figures would look filtered).
    const foreign = await csv(agent, 'sla-compliance.csv?from=2026-03-01&to=2026-04-01&filter=supplier:northwind');
    expect([foreign.status, JSON.parse(foreign.body).error.details]).toEqual([400, { field: 'filter' }]);
  });
});
