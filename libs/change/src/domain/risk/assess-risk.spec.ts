import { ChangeErrorCode } from '../change.errors';
import { assessRisk, failureLookbackDays, needsMaintenanceCheck } from './assess-risk';
import type { RiskFacts } from './risk-facts';
import type { RiskQuestionnaire } from './risk-questionnaire';
import { checkRiskRule } from './risk-rule';
import type { RiskCondition, RiskRule } from './risk-rule';

const NOW = new Date(Date.UTC(2031, 4, 6, 9, 0));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

function rule(id: string, condition: RiskCondition, level: RiskRule['level'], extra: Partial<RiskRule> = {}): RiskRule {
  return { id, name: id, condition, level, active: true, createdAt: NOW, updatedAt: NOW, version: 1, ...extra };
}

function facts(extra: Partial<RiskFacts> = {}): RiskFacts {
  return { now: NOW, plannedStart: at(7 * DAY), services: [], outsideMaintenance: [], failedChanges: [], ...extra };
}

const questionnaire: Pick<RiskQuestionnaire, 'questions' | 'thresholds'> = {
  questions: [
    { id: 'outage', text: 'Does it need an outage?', answers: [{ id: 'no', text: 'No', weight: 0 }, { id: 'yes', text: 'Yes', weight: 8 }] },
    { id: 'tested', text: 'Tested in staging?', answers: [{ id: 'yes', text: 'Yes', weight: 0 }, { id: 'no', text: 'No', weight: 5 }] },
  ],
  thresholds: [
    { minScore: 5, level: 'moderate' },
    { minScore: 8, level: 'high' },
    { minScore: 13, level: 'very_high' },
  ],
};

const payments = { id: 'svc-pay', name: 'Payments', criticality: 'critical', via: 'db-01' };
const critical = rule('critical-service', { kind: 'critical_service_affected', criticalities: ['critical', 'high'] }, 'high');

describe('assessRisk', () => {
  it('a rule beats the questionnaire: its level and its reason naming the service and the CI it is reached through', () => {
    const result = assessRisk([critical], facts({ services: [payments] }), { questionnaire, answers: { outage: 'no', tested: 'no' } });
    expect(result.explanation).toEqual({ level: 'high', decidedBy: 'rule', ruleId: 'critical-service', reason: 'rule "critical-service": service Payments (critical, via db-01) affected' });
    expect(result.questionnaire).toMatchObject({ score: 5, level: 'moderate' });
  });

  it('the questionnaire beats a rule: its level and the answers that made the score', () => {
    const result = assessRisk([critical], facts({ services: [payments] }), { questionnaire, answers: { outage: 'yes', tested: 'no' } });
    expect(result.explanation).toEqual({
      level: 'very_high',
      decidedBy: 'questionnaire',
      ruleId: null,
      reason: 'questionnaire score 13 >= 13 (very_high): "Does it need an outage?" = "Yes" (+8); "Tested in staging?" = "No" (+5)',
    });
    expect(result.matches.map((m) => m.rule.id)).toEqual(['critical-service']);
  });

  it('a tie goes to the rule; among rules the higher level, then the name', () => {
    const lead = rule('a-lead-time', { kind: 'insufficient_lead_time', minimumHours: 48 }, 'high');
    const many = rule('b-many-services', { kind: 'impacted_services', atLeast: 1 }, 'moderate');
    const result = assessRisk([many, critical, lead], facts({ plannedStart: at(5 * HOUR), services: [payments] }), { questionnaire, answers: { outage: 'yes', tested: 'yes' } });
    expect(result.explanation).toMatchObject({ level: 'high', decidedBy: 'rule', ruleId: 'a-lead-time', reason: 'rule "a-lead-time": planned start 5 h away, less than the 48 h lead time' });
    expect(result.matches.map((m) => m.rule.id)).toEqual(['a-lead-time', 'critical-service', 'b-many-services']);
  });

  it('defaults to low when nothing matched and nothing was answered; inactive rules never match', () => {
    const result = assessRisk([{ ...critical, active: false }], facts({ services: [payments] }), null);
    expect(result.explanation).toEqual({ level: 'low', decidedBy: 'default', ruleId: null, reason: 'no risk rule matched and the questionnaire is not answered' });
  });

  it('answers below every threshold give low, decided by the questionnaire', () => {
    expect(assessRisk([], facts(), { questionnaire, answers: { outage: 'no', tested: 'yes' } }).explanation).toMatchObject({
      level: 'low',
      decidedBy: 'questionnaire',
      reason: expect.stringMatching(/^questionnaire score 0 below every threshold \(low\)/),
    });
  });
});

describe('risk conditions', () => {
  const decide = (condition: RiskCondition, f: Partial<RiskFacts>): string | null => assessRisk([rule('r', condition, 'high')], facts(f), null).matches[0]?.reason ?? null;

  it('critical service: only the listed criticalities', () => {
    const c: RiskCondition = { kind: 'critical_service_affected', criticalities: ['critical'] };
    expect(decide(c, { services: [{ ...payments, criticality: 'high' }] })).toBeNull();
    expect(decide(c, { services: [{ ...payments, criticality: null }] })).toBeNull();
    expect(decide(c, { services: [{ ...payments, via: null }] })).toBe('service Payments (critical) affected');
  });

  it('lead time: exactly the minimum is enough; no planned start never matches', () => {
    const c: RiskCondition = { kind: 'insufficient_lead_time', minimumHours: 24 };
    expect(decide(c, { plannedStart: at(24 * HOUR) })).toBeNull();
    expect(decide(c, { plannedStart: at(24 * HOUR - 1) })).toBe('planned start 23 h away, less than the 24 h lead time');
    expect(decide(c, { plannedStart: at(-HOUR) })).toBe('planned start already passed, less than the 24 h lead time');
    expect(decide(c, { plannedStart: null })).toBeNull();
  });

  it('outside maintenance windows names the CIs', () => {
    const c: RiskCondition = { kind: 'outside_maintenance_window' };
    expect(decide(c, { outsideMaintenance: [] })).toBeNull();
    expect(decide(c, { outsideMaintenance: null })).toBeNull();
    expect(decide(c, { outsideMaintenance: ['db-01', 'web-01'] })).toBe('planned window outside the maintenance windows of db-01, web-01');
  });

  it('recent failed changes: counts only those closed within the period', () => {
    const c: RiskCondition = { kind: 'recent_failed_changes', atLeast: 2, withinDays: 30 };
    const inside = { changeId: 'c1', number: 'CHG0001001', closedAt: at(-30 * DAY) };
    const older = { changeId: 'c2', number: 'CHG0001002', closedAt: at(-30 * DAY - 1) };
    const recent = { changeId: 'c3', number: 'CHG0001003', closedAt: at(-DAY) };
    expect(decide(c, { failedChanges: [inside, older] })).toBeNull();
    expect(decide(c, { failedChanges: [inside, older, recent] })).toBe('2 failed or backed-out changes on its CIs in the last 30 days (CHG0001001, CHG0001003)');
  });

  it('impacted services: at least N', () => {
    const c: RiskCondition = { kind: 'impacted_services', atLeast: 2 };
    expect(decide(c, { services: [payments] })).toBeNull();
    expect(decide(c, { services: [payments, { ...payments, id: 'svc-web', name: 'Web' }] })).toBe('2 services impacted (Payments, Web), at least 2');
  });

  it('tells the handler what to fetch: the longest failure period, whether windows matter', () => {
    const rules = [rule('a', { kind: 'recent_failed_changes', atLeast: 1, withinDays: 30 }, 'high'), rule('b', { kind: 'recent_failed_changes', atLeast: 1, withinDays: 90 }, 'high', { active: false })];
    expect(failureLookbackDays(rules)).toBe(30);
    expect(needsMaintenanceCheck(rules)).toBe(false);
    expect(needsMaintenanceCheck([rule('c', { kind: 'outside_maintenance_window' }, 'moderate')])).toBe(true);
  });
});

describe('checkRiskRule', () => {
  const base = { name: ' Lead time ', condition: { kind: 'insufficient_lead_time', minimumHours: 48 }, level: 'high', active: true };

  it('keeps only the fields of its condition kind', () => {
    expect(checkRiskRule({ ...base, condition: { kind: 'outside_maintenance_window', minimumHours: 3 } })).toEqual({ name: 'Lead time', condition: { kind: 'outside_maintenance_window' }, level: 'high', active: true });
  });

  it.each<[string, object, string]>([
    ['an unknown kind', { condition: { kind: 'moon_phase' } }, 'condition.kind'],
    ['an unknown level', { level: 'extreme' }, 'level'],
    ['no name', { name: '  ' }, 'name'],
    ['zero hours', { condition: { kind: 'insufficient_lead_time', minimumHours: 0 } }, 'condition.minimumHours'],
    ['fractional days', { condition: { kind: 'recent_failed_changes', atLeast: 1, withinDays: 1.5 } }, 'condition.withinDays'],
    ['no criticalities', { condition: { kind: 'critical_service_affected', criticalities: [] } }, 'condition.criticalities'],
    ['an unknown criticality', { condition: { kind: 'critical_service_affected', criticalities: ['vital'] } }, 'condition.criticalities'],
  ])('refuses %s with CHANGE.INVALID_INPUT naming the field', (_, change, field) => {
    expect(() => checkRiskRule({ ...base, ...change } as never)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } }));
  });
});
