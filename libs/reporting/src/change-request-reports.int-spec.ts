import { changeTopic, incidentTopic, requestTopic } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { reportingContext } from './reporting.context';
import { changeHistory, incidentLinkHistory, requestHistory } from './test-fixtures/change-request-history';

const HOUR = 3_600_000;
const CHANGES = `query($period: ReportPeriodInput!, $groupBy: ChangeReportDimension, $filter: ChangeReportFilterInput) {
  changeReport(period: $period, groupBy: $groupBy, filter: $filter) { period group requested emergency emergencyShare closed successful backedOut successRate canceled causingIncidents causedIncidents unauthorisedDetected }
}`;
const REQUESTS = `query($period: ReportPeriodInput!, $groupBy: RequestReportDimension) {
  requestReport(period: $period, groupBy: $groupBy) { period group submitted fulfilled meanFulfilmentMs p90FulfilmentMs unfulfilled approvalsDecided meanApprovalWaitMs }
}`;
const TASKS = `query($period: ReportPeriodInput!, $groupBy: TaskReportDimension, $filter: TaskReportFilterInput) {
  taskReport(period: $period, groupBy: $groupBy, filter: $filter) { period group closed completed meanTaskMs p90TaskMs meanWorkMs }
}`;
const MARCH = { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' };

/**
 * The reporting service on the peers fed the scripted change, incident-link and request histories,
 * each delivered twice: GraphQL and the CSV exports answer the hand-computed figures (the domain
 * specs show the arithmetic); readers are scoped as the change and catalogue contexts scope them.
 */
describe('change and request reports on the peers', () => {
  let booted: SpecContext;
  let manager: string;
  let catalogueAdmin: string;
  let northwind: string;

  beforeAll(async () => {
    booted = await bootContextForSpec(reportingContext, { mongoUrl: testPeers().mongoUrl, settings: { rollupEveryMs: 100, rollupBatch: 1_000 }, probeTopics: [] });
    manager = await booted.token('u-manager', ['change-manager']);
    catalogueAdmin = await booted.token('u-cat', ['catalogue-admin']);
    northwind = await booted.token('u-northwind', ['supplier-agent'], 'northwind');
    const changes = changeHistory();
    const links = incidentLinkHistory();
    const requests = requestHistory();
    // Delivered twice: the second delivery changes no figure.
    await booted.bus.publishEnvelopes(changeTopic.name, [...changes, ...changes]);
    await booted.bus.publishEnvelopes(incidentTopic.name, [...links, ...links]);
    await booted.bus.publishEnvelopes(requestTopic.name, [...requests, ...requests]);
  });
  afterAll(async () => {
    await booted?.close();
  });

  const ok = async <T>(bearer: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const answer = await booted.graphql(bearer, query, variables);
    expect(answer.errors).toBeUndefined();
    return Object.values(answer.data ?? {})[0] as T;
  };
  const code = async (bearer: string, query: string, variables: Record<string, unknown>): Promise<unknown> => (await booted.graphql(bearer, query, variables)).errors?.[0]?.extensions?.['code'];

  it('answers the hand-computed change figures once every event is in, however often delivered', async () => {
    const whole = { period: '2026-03', group: null, requested: 6, emergency: 1, emergencyShare: 1 / 6, closed: 4, successful: 3, backedOut: 1, successRate: 0.75, canceled: 1, causingIncidents: 1, causedIncidents: 1, unauthorisedDetected: 1 };
    await expectEventually(async () => expect(await ok(manager, CHANGES, { period: MARCH })).toEqual([whole]), { timeoutMs: 20_000, intervalMs: 200 });
    // The second delivery is consumed after the first: still the same figures once the bus is idle.
    await expectEventually(async () => expect(await ok(manager, CHANGES, { period: MARCH })).toEqual([whole]), { timeoutMs: 5_000, intervalMs: 200 });
    const byModel = await ok<Record<string, unknown>[]>(manager, CHANGES, { period: MARCH, groupBy: 'model' });
    expect(byModel.map((r) => [r['group'], r['requested'], r['closed'], r['successRate'], r['unauthorisedDetected']])).toEqual([
      ['emergency', 1, 1, 1, null],
      ['normal', 4, 2, 0.5, null],
      ['standard', 1, 1, 1, null],
    ]);
    const zurich = await ok<Record<string, unknown>[]>(manager, CHANGES, { period: { from: '2026-03-01', to: '2026-05-01', timeZone: 'Europe/Zurich', grain: 'month' } });
    expect(zurich.map((r) => [r['period'], r['requested']])).toEqual([['2026-03', 5], ['2026-04', 1]]);
  });

  it('answers the hand-computed request and task figures', async () => {
    await expectEventually(
      async () =>
        expect(await ok(catalogueAdmin, REQUESTS, { period: MARCH, groupBy: 'item' })).toEqual([
          { period: '2026-03', group: 'laptop', submitted: 3, fulfilled: 2, meanFulfilmentMs: 39 * HOUR, p90FulfilmentMs: 50 * HOUR, unfulfilled: 1, approvalsDecided: 4, meanApprovalWaitMs: 7.75 * HOUR },
          { period: '2026-03', group: 'mouse', submitted: 1, fulfilled: 1, meanFulfilmentMs: 2 * HOUR, p90FulfilmentMs: 2 * HOUR, unfulfilled: 0, approvalsDecided: 0, meanApprovalWaitMs: null },
        ]),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(await ok(catalogueAdmin, TASKS, { period: MARCH, groupBy: 'group' })).toEqual([
      { period: '2026-03', group: 'g-desk', closed: 2, completed: 2, meanTaskMs: 13 * HOUR, p90TaskMs: 24 * HOUR, meanWorkMs: 11.5 * HOUR },
      { period: '2026-03', group: 'g-supplier', closed: 1, completed: 1, meanTaskMs: 24 * HOUR, p90TaskMs: 24 * HOUR, meanWorkMs: 23 * HOUR },
    ]);
  });

  it('measures an improvement initiative by the change success rate over its window', async () => {
    await expectEventually(async () => expect((await ok<unknown[]>(manager, CHANGES, { period: MARCH })).length).toBe(1), { timeoutMs: 20_000, intervalMs: 200 });
    // Now 04-01 12:00Z: the last 31 whole UTC days are March; normal changes: 1 successful of 2 closed.
    const now = jest.spyOn(booted.app.get(Clock), 'now').mockImplementation(() => new Date('2026-04-01T12:00:00.000Z'));
    try {
      const PROPOSE = 'mutation($input: ProposeImprovementInput!) { proposeImprovement(input: $input) { id baseline { value from to } } }';
      const measure = { metric: 'changeSuccessRate', windowDays: 31, timeZone: 'UTC', changeFilter: { dimension: 'model', value: 'normal' } };
      const input = { title: 'Normal changes succeed', ownerId: 'u-owner', measure, target: { value: 0.9, direction: 'increase' } };
      const proposed = await ok<{ id: string }>(manager, PROPOSE, { input });
      expect(proposed).toEqual({ id: expect.any(String), baseline: { value: 0.5, from: '2026-03-01', to: '2026-04-01' } });
      // Change figures through the register follow the change report's readers: an agent sees the initiative, not its figures.
      const ONE = 'query($id: ID!) { improvementInitiative(id: $id) { baseline { value } current { value } progress } }';
      expect(await ok(await booted.token('u-agent', ['agent']), ONE, { id: proposed.id })).toEqual({ baseline: { value: null }, current: { value: null }, progress: null });
      expect(await ok(manager, ONE, { id: proposed.id })).toEqual({ baseline: { value: 0.5 }, current: { value: 0.5 }, progress: 0 });
      expect(await code(await booted.token('u-im', ['incident-manager']), PROPOSE, { input })).toBe('REPORTING.FORBIDDEN');
      const causing = await ok<{ baseline: { value: number } }>(manager, PROPOSE, { input: { ...input, measure: { ...measure, metric: 'changesCausingIncidents', changeFilter: null }, target: { value: 0, direction: 'decrease' } } });
      expect(causing.baseline.value).toBe(1);
      expect(await code(manager, PROPOSE, { input: { ...input, measure: { ...measure, slaFilter: { dimension: 'kind', value: 'SLA' } } } })).toBe('REPORTING.INVALID_INPUT');
    } finally {
      now.mockRestore();
    }
  });

  it('scopes readers as the change and catalogue contexts do, refusals typed', async () => {
    await expectEventually(async () => expect((await ok<unknown[]>(manager, CHANGES, { period: MARCH })).length).toBe(1), { timeoutMs: 20_000, intervalMs: 200 });
    // A supplier agent: the changes assigned to its organisation (B, C) and its groups' tasks (T2); no requests.
    expect(await ok(northwind, CHANGES, { period: MARCH })).toEqual([
      { period: '2026-03', group: null, requested: 2, emergency: 0, emergencyShare: 0, closed: 2, successful: 1, backedOut: 1, successRate: 0.5, canceled: 0, causingIncidents: 1, causedIncidents: 1, unauthorisedDetected: null },
    ]);
    expect(await code(northwind, CHANGES, { period: MARCH, filter: { dimension: 'supplier', value: 'contoso' } })).toBe('REPORTING.FORBIDDEN');
    expect(await ok(northwind, TASKS, { period: MARCH })).toEqual([{ period: '2026-03', group: null, closed: 1, completed: 1, meanTaskMs: 24 * HOUR, p90TaskMs: 24 * HOUR, meanWorkMs: 23 * HOUR }]);
    expect(await code(northwind, REQUESTS, { period: MARCH })).toBe('REPORTING.FORBIDDEN');
    // An agent sees only the changes it requests or works on: no change report; a change manager no request report.
    expect(await code(await booted.token('u-agent', ['agent']), CHANGES, { period: MARCH })).toBe('REPORTING.FORBIDDEN');
    expect(await code(manager, REQUESTS, { period: MARCH })).toBe('REPORTING.FORBIDDEN');
    expect(await code(await booted.token('u-requester', ['requester']), CHANGES, { period: MARCH })).toBe('FORBIDDEN');
    expect(await code(manager, CHANGES, { period: { ...MARCH, timeZone: 'Mars/Olympus' } })).toBe('REPORTING.INVALID_PERIOD');
  });

  it('exports the change and request reports as CSV with the same figures and scoping', async () => {
    await expectEventually(async () => expect((await ok<unknown[]>(catalogueAdmin, REQUESTS, { period: MARCH })).length).toBe(1), { timeoutMs: 20_000, intervalMs: 200 });
    const csv = async (bearer: string, path: string) => {
      const response = await fetch(`${booted.baseUrl}/reporting/v1/${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      return { status: response.status, lines: (await response.text()).trim().split('\n') };
    };
    const changes = await csv(manager, 'change-report.csv?from=2026-03-01&to=2026-04-01&groupBy=model');
    expect(changes.status).toBe(200);
    expect(changes.lines[0]).toBe('period,periodStart,periodEnd,group,requested,emergency,emergencyShare,closed,successful,successfulWithIssues,failed,backedOut,successRate,canceled,causingIncidents,causedIncidents,unauthorisedDetected');
    expect(changes.lines.slice(1).map((line) => line.split(',').slice(3, 13).join(','))).toEqual(['emergency,1,1,1,1,1,0,0,0,1', 'normal,4,0,0,2,1,0,0,1,0.5', 'standard,1,0,0,1,1,0,0,0,1']);
    const requests = await csv(catalogueAdmin, 'request-report.csv?from=2026-03-01&to=2026-04-01&groupBy=item');
    expect(requests.lines).toEqual([
      'period,periodStart,periodEnd,group,submitted,fulfilled,meanFulfilmentMs,p90FulfilmentMs,unfulfilled,approvalsDecided,approvalsRejected,meanApprovalWaitMs',
      `2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,laptop,3,2,${39 * HOUR},${50 * HOUR},1,4,1,${7.75 * HOUR}`,
      `2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,mouse,1,1,${2 * HOUR},${2 * HOUR},0,0,0,`,
    ]);
    const refused = await csv(northwind, 'request-report.csv?from=2026-03-01&to=2026-04-01');
    expect([refused.status, JSON.parse(refused.lines.join('\n')).error.code]).toEqual([403, 'REPORTING.FORBIDDEN']);
    const invalid = await csv(manager, 'change-report.csv?from=2026-03-01&to=2026-04-01&groupBy=priority');
    expect([invalid.status, JSON.parse(invalid.lines.join('\n')).error.details]).toEqual([400, { field: 'groupBy' }]);
  });
});
