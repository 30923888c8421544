import type { EventEnvelope } from '@itsm/contracts';
import { CmdbFeed, expectEventually } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import {
  ProjectCmdbEventCommand,
  ProjectCmdbEventHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from './application/commands';
import { ChangeReads } from './application/ports/change-store.port';
import type { ChangeViewer } from './domain';
import { bootChangeContext } from './test-fixtures/booted-change-context';
import type { BootedChangeContext } from './test-fixtures/booted-change-context';

const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Risk and CAB through the change context booted on the peers: a rule and the questionnaire defined
 * through GraphQL, a change assessed on entering Assess and on demand with its reason
 * (itsm.change.risk-assessed.v1), a CAB series
 * whose next meeting lists the awaiting changes in order with slots, a decision authorising a change
 * through the core's command, and a decision on a change not on the agenda refused with nothing written.
 */
describe('risk assessment and CAB meetings in the change context', () => {
  const cmdb = new CmdbFeed();
  let context: BootedChangeContext;
  let app: INestApplication;
  let published: EventEnvelope[];
  let manager: string;
  let cabMember: string;

  const graphql = (token: string, query: string, variables: Record<string, unknown> = {}) => context.graphql(token, query, variables);
  const plans = { implementation: 'Patch', backout: 'Roll back', test: 'Smoke test' };
  const awaiting = async (ci: string, startInHours: number) => {
    const change = await app.get(RequestChangeHandler).execute(
      MANAGER,
      new RequestChangeCommand({ model: 'normal', title: `Patch ${ci}`, description: '', assignmentGroupId: 'g-network', assigneeId: 'p-implementer', configurationItemIds: [ci], serviceIds: [], plans, planned: { start: new Date(Date.now() + startInHours * HOUR), end: new Date(Date.now() + (startInHours + 1) * HOUR) } }),
    );
    await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    return change;
  };

  beforeAll(async () => {
    context = await bootChangeContext();
    ({ app, published } = context);
    const project = (event: Parameters<ProjectCmdbEventHandler['execute']>[0]['event']) => app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(event));
    await project(cmdb.ciCreated({ ciId: 'ci-db', name: 'db-01' }));
    await project(cmdb.ciCreated({ ciId: 'ci-web', name: 'web-01' }));
    await project(cmdb.ciCreated({ ciId: 'svc-pay', name: 'Payments', classId: 'business_service', attributes: { criticality: 'critical' } }));
    await project(cmdb.relationshipAdded('rel-1', 'svc-pay', 'ci-db'));
    manager = await context.token('p-manager', ['change-manager']);
    cabMember = await context.token('p-cab-1', ['cab-member']);
  });

  afterAll(() => context?.close());

  it('assesses a change: the rule beats the questionnaire and the change says why; then the questionnaire beats the rule', async () => {
    const rule = await graphql(manager, 'mutation { saveChangeRiskRule(id: "critical-service", input: { name: "Critical service", condition: { kind: critical_service_affected, criticalities: [critical] }, level: high }) { id version } }');
    expect(rule.errors).toBeUndefined();
    // Reads the change store's failed changes on the CIs (none here): its query is served by its declared index.
    const failures = await graphql(manager, 'mutation { saveChangeRiskRule(id: "recent-failures", input: { name: "Recent failures", condition: { kind: recent_failed_changes, atLeast: 1, withinDays: 30 }, level: very_high }) { id } }');
    expect(failures.errors).toBeUndefined();
    const questionnaire = await graphql(
      manager,
      `mutation { saveChangeRiskQuestionnaire(expectedVersion: 0, input: {
        questions: [{ id: "outage", text: "Outage needed?", answers: [{ id: "no", text: "No", weight: 0 }, { id: "yes", text: "Yes", weight: 9 }] }],
        thresholds: [{ minScore: 1, level: moderate }, { minScore: 9, level: very_high }] }) { version } }`,
    );
    expect(questionnaire.data?.['saveChangeRiskQuestionnaire']).toEqual({ version: 1 });
    const change = await awaiting('ci-db', 72);
    const assessed = () => published.filter((e) => e.type === 'itsm.change.risk-assessed.v1' && (e.data as { changeId: string }).changeId === change.id).map((e) => [(e.data as { by: string }).by, (e.data as { risk: { level: string } }).risk.level]);
    // Entering Assess assesses it once (the context reacting to its own state-changed event).
    await expectEventually(() => expect(assessed()).toEqual([['system:risk', 'high']]));
    const assess = (answer: string) =>
      graphql(manager, 'mutation($id: ID!, $a: String!) { assessChangeRisk(changeId: $id, answers: [{ questionId: "outage", answerId: $a }]) { risk { level decidedBy ruleId reason } matchedRules { ruleId } questionnaireScore change { risk { level } } } }', { id: change.id, a: answer });
    expect((await assess('no')).data?.['assessChangeRisk']).toEqual({
      risk: { level: 'high', decidedBy: 'rule', ruleId: 'critical-service', reason: 'rule "Critical service": service Payments (critical, via db-01) affected' },
      matchedRules: [{ ruleId: 'critical-service' }],
      questionnaireScore: 0,
      change: { risk: { level: 'high' } },
    });
    expect((await assess('yes')).data?.['assessChangeRisk']).toMatchObject({ risk: { level: 'very_high', decidedBy: 'questionnaire', ruleId: null, reason: 'questionnaire score 9 >= 9 (very_high): "Outage needed?" = "Yes" (+9)' } });
    expect((await app.get(ChangeReads).byId(change.id))?.risk?.level).toBe('very_high');
    await expectEventually(() => expect(assessed()).toEqual([['system:risk', 'high'], ['p-manager', 'high'], ['p-manager', 'very_high']]));
    const refused = await graphql(manager, 'mutation($id: ID!) { assessChangeRisk(changeId: $id, answers: [{ questionId: "outage", answerId: "maybe" }]) { questionnaireScore } }', { id: change.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CHANGE.INVALID_INPUT');
  });

  it('builds the next CAB meeting\'s agenda in order with slots; a decision authorises through the core, one off the agenda is refused', async () => {
    // A daily CAB at 10:00 UTC from tomorrow: its first meeting is 1 to 2 days from now.
    const tomorrow = new Date(Date.now() + DAY);
    const firstStart = `${tomorrow.toISOString().slice(0, 10)}T10:00`;
    const meetingStart = new Date(`${firstStart}:00.000Z`);
    const saved = await graphql(
      manager,
      'mutation($s: String!) { saveCabMeeting(id: "daily-cab", input: { name: "Daily CAB", schedule: { rrule: "FREQ=DAILY", firstStart: $s, durationMinutes: 60, timeZone: "UTC" }, memberGroupIds: ["g-cab"], slotMinutes: 15 }) { id version } }',
      { s: firstStart },
    );
    expect(saved.errors).toBeUndefined();
    const low = await awaiting('ci-web', 100);
    const high = await awaiting('ci-db', 120);
    const early = await awaiting('ci-web', 1);
    for (const c of [low, high, early]) {
      await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(c.id));
    }
    await graphql(manager, 'mutation($id: ID!) { assessChangeRisk(changeId: $id, answers: [{ questionId: "outage", answerId: "no" }]) { questionnaireScore } }', { id: high.id });
    const agenda = await graphql(cabMember, 'query($from: DateTime!, $to: DateTime!) { cabOccurrences(meetingId: "daily-cab", from: $from, to: $to) { start agenda { number risk slotStart slotEnd why } } }', {
      from: meetingStart.toISOString(),
      to: new Date(meetingStart.getTime() + HOUR).toISOString(),
    });
    const occurrences = agenda.data?.['cabOccurrences'] as unknown as { start: string; agenda: { number: string; risk: string | null; slotStart: string; slotEnd: string }[] }[];
    expect(occurrences.map((o) => o.start)).toEqual([meetingStart.toISOString()]);
    const mine = occurrences[0]?.agenda.filter((i) => [low.number, high.number, early.number].includes(i.number)) ?? [];
    expect(mine.map((i) => i.number)).toEqual([high.number, low.number]);
    expect(occurrences[0]?.agenda[0]).toMatchObject({ number: high.number, risk: 'high', slotStart: meetingStart.toISOString(), slotEnd: new Date(meetingStart.getTime() + 15 * 60_000).toISOString() });

    const decide = (changeId: string) =>
      graphql(cabMember, 'mutation($at: DateTime!, $id: ID!) { recordCabDecision(meetingId: "daily-cab", occurrenceStart: $at, changeId: $id, decision: authorise) { number decision { decision by onBehalfOf } } }', { at: meetingStart.toISOString(), id: changeId });
    const refused = await decide(early.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CHANGE.NOT_ON_AGENDA');
    expect((await app.get(ChangeReads).byId(early.id))?.state).toBe('authorize');
    const decided = await decide(high.id);
    expect(decided.data?.['recordCabDecision']).toEqual({ number: high.number, decision: { decision: 'authorise', by: 'p-cab-1', onBehalfOf: null } });
    expect((await app.get(ChangeReads).byId(high.id))?.state).toBe('scheduled');
    await expectEventually(() => {
      const cab = published.filter((e) => e.type === 'itsm.change.cab-decision-recorded.v1');
      expect(cab.map((e) => (e.data as { changeId: string }).changeId)).toEqual([high.id]);
    });
    expect(published.some((e) => e.type === 'itsm.change.cab-decision-recorded.v1' && (e.data as { changeId: string }).changeId === early.id)).toBe(false);
  });
});
