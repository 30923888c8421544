import { RISK_LEVELS } from '../change.model';
import type { RiskExplanation, RiskLevel } from '../change.model';
import type { RiskFacts } from './risk-facts';
import { scoreQuestionnaire } from './risk-questionnaire';
import type { QuestionnaireScore, RiskAnswers, RiskQuestionnaire } from './risk-questionnaire';
import type { RiskCondition, RiskRule } from './risk-rule';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The contract's limit on an explanation's reason. */
const REASON_MAX = 500;

export interface RuleMatch {
  readonly rule: RiskRule;
  /** Why it matched, in words naming the CI, service or changes. */
  readonly reason: string;
}

export interface RiskAssessment {
  readonly explanation: RiskExplanation;
  /** Every active rule that matched, highest level first (the first decided unless the questionnaire is higher). */
  readonly matches: readonly RuleMatch[];
  /** The questionnaire's score, null when the change has no answers. */
  readonly questionnaire: QuestionnaireScore | null;
}

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

function list(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Why `condition` holds on the facts, or null when it does not. */
export function matchCondition(condition: RiskCondition, facts: RiskFacts): string | null {
  switch (condition.kind) {
    case 'critical_service_affected': {
      const wanted = new Set<string>(condition.criticalities);
      const hits = facts.services.filter((s) => s.criticality !== null && wanted.has(s.criticality));
      if (hits.length === 0) return null;
      return `${hits.length === 1 ? 'service' : 'services'} ${list(hits.map((s) => `${s.name} (${s.criticality ?? ''}${s.via === null ? '' : `, via ${s.via}`})`))} affected`;
    }
    case 'insufficient_lead_time': {
      if (facts.plannedStart === null) return null;
      const leadMs = facts.plannedStart.getTime() - facts.now.getTime();
      if (leadMs >= condition.minimumHours * HOUR_MS) return null;
      const hours = Math.max(0, Math.floor(leadMs / HOUR_MS));
      return `planned start ${leadMs < 0 ? 'already passed' : `${hours} h away`}, less than the ${condition.minimumHours} h lead time`;
    }
    case 'outside_maintenance_window': {
      const outside = facts.outsideMaintenance ?? [];
      return outside.length === 0 ? null : `planned window outside the maintenance windows of ${list(outside)}`;
    }
    case 'recent_failed_changes': {
      const since = facts.now.getTime() - condition.withinDays * DAY_MS;
      const failed = facts.failedChanges.filter((c) => c.closedAt.getTime() >= since && c.closedAt.getTime() <= facts.now.getTime());
      if (failed.length < condition.atLeast) return null;
      return `${failed.length} failed or backed-out changes on its CIs in the last ${condition.withinDays} days (${list(failed.map((c) => c.number))})`;
    }
    case 'impacted_services': {
      const count = facts.services.length;
      return count < condition.atLeast ? null : `${count} services impacted (${list(facts.services.map((s) => s.name))}), at least ${condition.atLeast}`;
    }
  }
}

function clip(text: string): string {
  return text.length <= REASON_MAX ? text : `${text.slice(0, REASON_MAX - 3)}...`;
}

function questionnaireReason(score: QuestionnaireScore): string {
  const reached = score.threshold === null ? `below every threshold` : `>= ${score.threshold.minScore}`;
  const answers = score.chosen.map((c) => `"${c.question.text}" = "${c.answer.text}" (+${c.answer.weight})`).join('; ');
  return `questionnaire score ${score.score} ${reached} (${score.level})${answers === '' ? '' : `: ${answers}`}`;
}

/**
 * The change's risk: every active rule checked against the facts and the questionnaire scored; the
 * higher level wins, a rule on a tie (a named condition explains more than a score), among rules the
 * first by name. With neither, the default: low.
 */
export function assessRisk(
  rules: readonly RiskRule[],
  facts: RiskFacts,
  questionnaire: { readonly questionnaire: Pick<RiskQuestionnaire, 'questions' | 'thresholds'>; readonly answers: RiskAnswers } | null,
): RiskAssessment {
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    const reason = matchCondition(rule.condition, facts);
    if (reason !== null) matches.push({ rule, reason });
  }
  matches.sort((a, b) => rank(b.rule.level) - rank(a.rule.level) || a.rule.name.localeCompare(b.rule.name) || a.rule.id.localeCompare(b.rule.id));
  const score = questionnaire === null ? null : scoreQuestionnaire(questionnaire.questionnaire, questionnaire.answers);
  const top = matches[0];
  if (top !== undefined && (score === null || rank(top.rule.level) >= rank(score.level))) {
    const explanation: RiskExplanation = { level: top.rule.level, decidedBy: 'rule', ruleId: top.rule.id, reason: clip(`rule "${top.rule.name}": ${top.reason}`) };
    return { explanation, matches, questionnaire: score };
  }
  if (score !== null) {
    return { explanation: { level: score.level, decidedBy: 'questionnaire', ruleId: null, reason: clip(questionnaireReason(score)) }, matches, questionnaire: score };
  }
  const explanation: RiskExplanation = { level: 'low', decidedBy: 'default', ruleId: null, reason: 'no risk rule matched and the questionnaire is not answered' };
  return { explanation, matches, questionnaire: null };
}

/** The longest period (days) any active recent-failures rule looks back over: what the handler must fetch. */
export function failureLookbackDays(rules: readonly RiskRule[]): number {
  return rules.reduce((days, rule) => (rule.active && rule.condition.kind === 'recent_failed_changes' ? Math.max(days, rule.condition.withinDays) : days), 0);
}

/** Whether any active rule needs the maintenance-window check (a calendar look-up the handler can skip). */
export function needsMaintenanceCheck(rules: readonly RiskRule[]): boolean {
  return rules.some((rule) => rule.active && rule.condition.kind === 'outside_maintenance_window');
}
