import type { INestApplication } from '@nestjs/common';
import { SaveCabMeetingCommand } from '../application/commands/save-cab-meeting/save-cab-meeting.command';
import { SaveCabMeetingHandler } from '../application/commands/save-cab-meeting/save-cab-meeting.handler';
import { SaveRiskQuestionnaireCommand } from '../application/commands/save-risk-questionnaire/save-risk-questionnaire.command';
import { SaveRiskQuestionnaireHandler } from '../application/commands/save-risk-questionnaire/save-risk-questionnaire.handler';
import { SaveRiskRuleCommand } from '../application/commands/save-risk-rule/save-risk-rule.command';
import { SaveRiskRuleHandler } from '../application/commands/save-risk-rule/save-risk-rule.handler';
import { CabMeetingStore } from '../application/ports/cab-stores.port';
import { People } from '../application/ports/change-references.port';
import { RiskQuestionnaireStore, RiskRuleStore } from '../application/ports/risk-stores.port';
import type { CabMeetingSettings } from '../domain/cab';
import type { RiskQuestionnaireInput, RiskRuleInput } from '../domain/risk';

/** The demo's risk rules by id: each condition kind once. */
export const DEMO_RISK_RULES: readonly (RiskRuleInput & { readonly id: string })[] = [
  { id: 'critical-service', name: 'Critical or high service affected', condition: { kind: 'critical_service_affected', criticalities: ['critical', 'high'] }, level: 'high', active: true },
  { id: 'short-notice', name: 'Less than 48 hours notice', condition: { kind: 'insufficient_lead_time', minimumHours: 48 }, level: 'moderate', active: true },
  { id: 'outside-maintenance', name: 'Outside the maintenance windows', condition: { kind: 'outside_maintenance_window' }, level: 'moderate', active: true },
  { id: 'recent-failures', name: 'Two failed changes on its CIs in 30 days', condition: { kind: 'recent_failed_changes', atLeast: 2, withinDays: 30 }, level: 'high', active: true },
  { id: 'wide-impact', name: 'Three or more services impacted', condition: { kind: 'impacted_services', atLeast: 3 }, level: 'very_high', active: true },
];

export const DEMO_RISK_QUESTIONNAIRE: RiskQuestionnaireInput = {
  questions: [
    { id: 'outage', text: 'Does the change need a service outage?', answers: [{ id: 'no', text: 'No', weight: 0 }, { id: 'partial', text: 'Partial (degraded)', weight: 4 }, { id: 'full', text: 'Full outage', weight: 8 }] },
    { id: 'tested', text: 'Was it tested in a production-like environment?', answers: [{ id: 'yes', text: 'Yes', weight: 0 }, { id: 'no', text: 'No', weight: 5 }] },
    { id: 'backout', text: 'Has the backout plan been rehearsed?', answers: [{ id: 'yes', text: 'Yes', weight: 0 }, { id: 'no', text: 'No', weight: 3 }] },
  ],
  thresholds: [
    { minScore: 4, level: 'moderate' },
    { minScore: 8, level: 'high' },
    { minScore: 13, level: 'very_high' },
  ],
};

/** The weekly CAB: Tuesdays 14:00 Europe/London for an hour, 10 minutes per item, normal changes. */
export function demoWeeklyCab(cabGroupId: string | undefined, memberIds: readonly string[]): CabMeetingSettings {
  return {
    name: 'Weekly CAB',
    // 6 January 2026 was a Tuesday: the series' first meeting (occurrences are expanded on demand).
    schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2026-01-06T14:00', durationMinutes: 60, timeZone: 'Europe/London' },
    memberGroupIds: cabGroupId === undefined ? [] : [cabGroupId],
    memberIds: cabGroupId === undefined ? [...memberIds] : [],
    delegates: [],
    models: ['normal'],
    slotMinutes: 10,
    active: true,
  };
}

/**
 * Seeds the demo's risk rules, questionnaire and weekly CAB through the admin use cases, skipping
 * what exists. `cabGroupId`: the demo's CAB group (directory kind `cab`); without one, the people
 * holding the `cab-member` role sit on it.
 */
export async function seedDemoRiskAndCab(app: INestApplication, cabGroupId: string | undefined): Promise<void> {
  const rules = app.get(RiskRuleStore);
  const saveRule = app.get(SaveRiskRuleHandler);
  for (const { id, ...rule } of DEMO_RISK_RULES) {
    if ((await rules.byId(id)) === undefined) await saveRule.execute(new SaveRiskRuleCommand(rule, id));
  }
  if ((await app.get(RiskQuestionnaireStore).get()) === undefined) await app.get(SaveRiskQuestionnaireHandler).execute(new SaveRiskQuestionnaireCommand(DEMO_RISK_QUESTIONNAIRE, 0));
  if ((await app.get(CabMeetingStore).byId('weekly-cab')) === undefined) {
    const members = cabGroupId === undefined ? (await app.get(People).withRole('cab-member', 50)).map((p) => p.id) : [];
    if (cabGroupId === undefined && members.length === 0) return;
    await app.get(SaveCabMeetingHandler).execute(new SaveCabMeetingCommand(demoWeeklyCab(cabGroupId, members), 'weekly-cab'));
  }
}
