import { ChangeErrorCode } from '../../../domain/change.errors';
import type { RiskQuestionnaire, RiskRule } from '../../../domain/risk';
import { InMemoryConfigurationItems } from '../../test-fixtures/in-memory-configuration-items';
import {
  FixedMaintenanceCoverage,
  InMemoryChangeRiskTarget,
  InMemoryFailedChanges,
  InMemoryRiskAnswers,
  InMemoryRiskQuestionnaire,
  InMemoryRiskRules,
  TestClock,
  aChange,
} from '../../test-fixtures/in-memory-risk';
import { RiskFactsService } from '../../risk-facts.service';
import { AssessChangeRiskCommand } from './assess-change-risk.command';
import { AssessChangeRiskHandler } from './assess-change-risk.handler';

const NOW = new Date(Date.UTC(2031, 5, 3, 8, 0));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

const questionnaire: RiskQuestionnaire = {
  questions: [
    { id: 'outage', text: 'Outage needed?', answers: [{ id: 'no', text: 'No', weight: 0 }, { id: 'yes', text: 'Yes', weight: 10 }] },
    { id: 'tested', text: 'Tested?', answers: [{ id: 'yes', text: 'Yes', weight: 0 }, { id: 'no', text: 'No', weight: 5 }] },
  ],
  thresholds: [{ minScore: 5, level: 'moderate' }, { minScore: 15, level: 'very_high' }],
  updatedAt: NOW,
  version: 1,
};

function rule(id: string, condition: RiskRule['condition'], level: RiskRule['level']): RiskRule {
  return { id, name: id, condition, level, active: true, createdAt: NOW, updatedAt: NOW, version: 1 };
}

async function setUp() {
  const cis = new InMemoryConfigurationItems();
  cis.ci({ id: 'db-01', name: 'db-01', classId: 'database' });
  cis.ci({ id: 'svc-pay', name: 'Payments', classId: 'business_service', service: true, attributes: { criticality: 'Critical' } });
  cis.ci({ id: 'svc-intranet', name: 'Intranet', classId: 'business_service', service: true, attributes: { criticality: 'low' } });
  cis.relate('svc-pay', 'db-01');
  const changes = new InMemoryChangeRiskTarget();
  const rules = new InMemoryRiskRules();
  const questionnaires = new InMemoryRiskQuestionnaire();
  questionnaires.questionnaire = questionnaire;
  const answers = new InMemoryRiskAnswers();
  const coverage = new FixedMaintenanceCoverage();
  const failed = new InMemoryFailedChanges();
  const handler = new AssessChangeRiskHandler(changes, rules, questionnaires, answers, new RiskFactsService(cis, coverage, failed), new TestClock(NOW));
  changes.changes.set('c1', aChange('c1', { configurationItemIds: ['db-01'], planned: { start: at(10 * DAY), end: at(10 * DAY + 2 * HOUR) } }));
  await rules.create(rule('critical-service', { kind: 'critical_service_affected', criticalities: ['critical'] }, 'high'));
  return { handler, changes, rules, answers, coverage, failed };
}

describe('AssessChangeRiskHandler', () => {
  it('a rule beats the questionnaire: a critical service one relationship away decides, and the change records why', async () => {
    const { handler, changes } = await setUp();
    const { assessment } = await handler.execute(new AssessChangeRiskCommand('c1', 'p-manager', { outage: 'no', tested: 'no' }));
    expect(assessment.questionnaire).toMatchObject({ score: 5, level: 'moderate' });
    expect(changes.recorded).toEqual([
      { changeId: 'c1', by: 'p-manager', risk: { level: 'high', decidedBy: 'rule', ruleId: 'critical-service', reason: 'rule "critical-service": service Payments (critical, via db-01) affected' } },
    ]);
    expect(changes.changes.get('c1')?.risk?.level).toBe('high');
  });

  it('the questionnaire beats the rule; its answers are kept for the next assessment', async () => {
    const { handler, changes, answers } = await setUp();
    await handler.execute(new AssessChangeRiskCommand('c1', 'p-manager', { outage: 'yes', tested: 'no' }));
    expect(changes.recorded[0]?.risk).toMatchObject({ level: 'very_high', decidedBy: 'questionnaire', ruleId: null, reason: expect.stringContaining('"Outage needed?" = "Yes" (+10)') });
    expect(answers.answers.get('c1')).toEqual({ outage: 'yes', tested: 'no' });
    // On demand, without answers: the kept ones count again.
    await handler.execute(new AssessChangeRiskCommand('c1', 'system'));
    expect(changes.recorded[1]?.risk).toMatchObject({ level: 'very_high', decidedBy: 'questionnaire' });
  });

  it('reads maintenance coverage and failed changes only for the rules that need them', async () => {
    const { handler, changes, rules, coverage, failed } = await setUp();
    await rules.create(rule('outside-window', { kind: 'outside_maintenance_window' }, 'very_high'));
    await rules.create(rule('flaky-ci', { kind: 'recent_failed_changes', atLeast: 1, withinDays: 30 }, 'moderate'));
    coverage.windows.set('db-01', [{ start: at(20 * DAY), end: at(21 * DAY) }]);
    failed.failed.push({ changeId: 'c9', number: 'CHG0001009', closedAt: at(-DAY), ciIds: ['db-01'] });
    const { assessment } = await handler.execute(new AssessChangeRiskCommand('c1', 'p-manager'));
    expect(assessment.explanation).toMatchObject({ level: 'very_high', ruleId: 'outside-window', reason: 'rule "outside-window": planned window outside the maintenance windows of db-01' });
    expect(assessment.matches.map((m) => m.rule.id)).toEqual(['outside-window', 'critical-service', 'flaky-ci']);
    expect(changes.recorded).toHaveLength(1);
  });

  it('refuses bad answers, an unknown change and a closed one, writing nothing', async () => {
    const { handler, changes, answers } = await setUp();
    await expect(handler.execute(new AssessChangeRiskCommand('c1', 'p-manager', { outage: 'perhaps', tested: 'no' }))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput, details: { field: 'answers.outage' } });
    await expect(handler.execute(new AssessChangeRiskCommand('c404', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    changes.changes.set('c2', { ...changes.changes.get('c1')!, id: 'c2', state: 'closed' });
    await expect(handler.execute(new AssessChangeRiskCommand('c2', 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
    expect(changes.recorded).toEqual([]);
    expect(answers.answers.size).toBe(0);
  });
});

describe('AssessChangeRiskHandler for a viewer', () => {
  it('answers CHANGE.NOT_FOUND to a requester assessing someone else\'s change, and writes nothing', async () => {
    const { handler, changes } = await setUp();
    const viewer = { userId: 'p-other', roles: ['requester'], orgId: undefined };
    await expect(handler.execute(new AssessChangeRiskCommand('c1', 'p-other', { outage: 'yes', tested: 'yes' }, viewer))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
    expect(changes.recorded).toEqual([]);
    const own = { userId: 'p-requester', roles: ['requester'], orgId: undefined };
    await expect(handler.execute(new AssessChangeRiskCommand('c1', 'p-requester', null, own))).resolves.toMatchObject({ assessment: { explanation: { level: 'high' } } });
  });
});
