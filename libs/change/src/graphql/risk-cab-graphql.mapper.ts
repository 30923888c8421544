import type { AgendaItem, CabMeeting, CabMeetingSettings, CabMinutes } from '../domain/cab';
import type { RiskAnswers, RiskQuestionnaire, RiskQuestionnaireInput, RiskRule, RiskRuleInput } from '../domain/risk';
import type { AssessedRisk } from '../application/commands/assess-change-risk/assess-change-risk.handler';
import type { CabOccurrenceView } from '../application/queries/cab-occurrences/cab-occurrences.handler';
import { toChangeGql } from './change-graphql.mapper';
import type { CabAgendaItemGql, CabMeetingGql, CabMeetingInput, CabMinutesGql, CabOccurrenceGql } from './cab.types';
import type { RiskAnswerInput, RiskAssessmentGql, RiskQuestionnaireGql, RiskQuestionnaireInput as RiskQuestionnaireInputGql, RiskRuleGql, RiskRuleInputGql } from './risk.types';

export function toRiskRuleGql(rule: RiskRule): RiskRuleGql {
  const c = rule.condition;
  return {
    id: rule.id,
    name: rule.name,
    level: rule.level,
    active: rule.active,
    version: rule.version,
    updatedAt: rule.updatedAt,
    condition: {
      kind: c.kind,
      criticalities: c.kind === 'critical_service_affected' ? [...c.criticalities] : null,
      minimumHours: c.kind === 'insufficient_lead_time' ? c.minimumHours : null,
      atLeast: c.kind === 'recent_failed_changes' || c.kind === 'impacted_services' ? c.atLeast : null,
      withinDays: c.kind === 'recent_failed_changes' ? c.withinDays : null,
    },
  };
}

export const riskRuleInputOf = (input: RiskRuleInputGql): RiskRuleInput => ({ name: input.name, condition: { ...input.condition }, level: input.level, active: input.active });

export function toQuestionnaireGql(q: RiskQuestionnaire): RiskQuestionnaireGql {
  return {
    questions: q.questions.map((question) => ({ id: question.id, text: question.text, answers: question.answers.map((a) => ({ ...a })) })),
    thresholds: q.thresholds.map((t) => ({ ...t })),
    version: q.version,
  };
}

export const questionnaireInputOf = (input: RiskQuestionnaireInputGql): RiskQuestionnaireInput => ({
  questions: input.questions.map((q) => ({ id: q.id, text: q.text, answers: q.answers.map((a) => ({ id: a.id, text: a.text, weight: a.weight })) })),
  thresholds: input.thresholds.map((t) => ({ minScore: t.minScore, level: t.level })),
});

/** The answers as a map; CHANGE.INVALID_INPUT-free here: a question answered twice keeps the last (the handler checks the rest). */
export function answersOf(input: readonly RiskAnswerInput[] | null | undefined): RiskAnswers | null {
  if (input === null || input === undefined) return null;
  const answers: Record<string, string> = {};
  for (const a of input) answers[a.questionId] = a.answerId;
  return answers;
}

export function toAssessmentGql({ change, assessment }: AssessedRisk): RiskAssessmentGql {
  return {
    change: toChangeGql(change),
    risk: { ...assessment.explanation },
    matchedRules: assessment.matches.map((m) => ({ ruleId: m.rule.id, name: m.rule.name, level: m.rule.level, reason: m.reason })),
    questionnaireScore: assessment.questionnaire?.score ?? null,
  };
}

export function toCabMeetingGql(m: CabMeeting): CabMeetingGql {
  return {
    id: m.id,
    name: m.name,
    schedule: { ...m.schedule },
    memberGroupIds: [...m.memberGroupIds],
    memberIds: [...m.memberIds],
    delegates: m.delegates.map((d) => ({ ...d })),
    models: [...m.models],
    slotMinutes: m.slotMinutes,
    active: m.active,
    version: m.version,
  };
}

export const cabSettingsOf = (input: CabMeetingInput): CabMeetingSettings => ({
  name: input.name,
  schedule: { rrule: input.schedule.rrule, firstStart: input.schedule.firstStart, durationMinutes: input.schedule.durationMinutes, timeZone: input.schedule.timeZone },
  memberGroupIds: [...input.memberGroupIds],
  memberIds: [...input.memberIds],
  delegates: input.delegates.map((d) => ({ delegateId: d.delegateId, forMemberId: d.forMemberId })),
  models: [...input.models],
  slotMinutes: input.slotMinutes,
  active: input.active,
});

export function toAgendaItemGql(item: AgendaItem): CabAgendaItemGql {
  const d = item.decision;
  return {
    changeId: item.changeId,
    number: item.number,
    title: item.title,
    risk: item.risk,
    plannedStart: item.plannedStart,
    slotStart: item.slotStart,
    slotEnd: item.slotEnd,
    withinMeeting: item.withinMeeting,
    why: item.why,
    decision: d === null ? null : { decision: d.decision, reason: d.reason, by: d.by, onBehalfOf: d.onBehalfOf, at: d.at },
  };
}

export function toMinutesGql(minutes: CabMinutes): CabMinutesGql {
  return { attendeeIds: [...minutes.attendeeIds], items: minutes.items.map((i) => ({ ...i })), by: minutes.by, publishedAt: minutes.publishedAt };
}

export function toOccurrenceGql(view: CabOccurrenceView): CabOccurrenceGql {
  return {
    meetingId: view.meeting.id,
    meetingName: view.meeting.name,
    start: view.start,
    end: view.end,
    agenda: view.agenda.map(toAgendaItemGql),
    minutes: view.minutes === null ? null : toMinutesGql(view.minutes),
  };
}
