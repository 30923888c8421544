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
import { awaitProjections } from './demo-references';
import type { ChangeDemoWorld } from './demo-references';

/** The directory demo's CAB group (kind cab: the change manager and three CAB members). */
const DEMO_CAB_GROUP = 'cab';

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

/**
 * The weekly CAB: Tuesdays 14:00 Europe/London for an hour, 10 minutes per item, normal changes;
 * the demo CAB group sits on it, and the implementer may stand in for the first CAB member.
 */
export function demoWeeklyCab(world: ChangeDemoWorld): CabMeetingSettings {
  return {
    name: 'Weekly CAB',
    // 6 January 2026 was a Tuesday: the series' first meeting (occurrences are expanded on demand).
    schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2026-01-06T14:00', durationMinutes: 60, timeZone: 'Europe/London' },
    memberGroupIds: [world.group(DEMO_CAB_GROUP)],
    memberIds: [],
    delegates: [{ delegateId: world.person('u-implementer'), forMemberId: world.person('u-cab-1') }],
    models: ['normal'],
    slotMinutes: 10,
    active: true,
  };
}

/** The group's members arrive in their own events after the group: the delegation names one of them. */
async function awaitMember(people: People, groupId: string, personId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await people.group(groupId))?.memberIds.includes(personId)) {
    if (Date.now() > deadline) throw new Error(`change demo: ${personId} is not yet a member of ${groupId} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Seeds the demo's risk rules, questionnaire and weekly CAB through the admin use cases (the same
 * checks as the API), skipping what exists; waits until the projections know the CAB group and
 * the delegation's people.
 */
export async function seedDemoRiskAndCab(app: INestApplication, world: ChangeDemoWorld): Promise<void> {
  const rules = app.get(RiskRuleStore);
  const saveRule = app.get(SaveRiskRuleHandler);
  for (const { id, ...rule } of DEMO_RISK_RULES) {
    if ((await rules.byId(id)) === undefined) await saveRule.execute(new SaveRiskRuleCommand(rule, id));
  }
  if ((await app.get(RiskQuestionnaireStore).get()) === undefined) await app.get(SaveRiskQuestionnaireHandler).execute(new SaveRiskQuestionnaireCommand(DEMO_RISK_QUESTIONNAIRE, 0));
  if ((await app.get(CabMeetingStore).byId('weekly-cab')) === undefined) {
    await awaitProjections(app, [], ['u-implementer', 'u-cab-1'].map(world.person), [world.group(DEMO_CAB_GROUP)]);
    await awaitMember(app.get(People), world.group(DEMO_CAB_GROUP), world.person('u-cab-1'));
    await app.get(SaveCabMeetingHandler).execute(new SaveCabMeetingCommand(demoWeeklyCab(world), 'weekly-cab'));
  }
}
