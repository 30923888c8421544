import { changeTopic } from '@itsm/contracts';
import { contextRepository, outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { CabMeetings } from './application/cab-meetings.service';
import { AssessChangeRiskHandler } from './application/commands/assess-change-risk/assess-change-risk.handler';
import { AssessChangeRiskOnEntryHandler } from './application/commands/assess-change-risk-on-entry/assess-change-risk-on-entry.handler';
import { DeleteRiskRuleHandler } from './application/commands/delete-risk-rule/delete-risk-rule.handler';
import { FlagChangeForCabHandler } from './application/commands/flag-change-for-cab/flag-change-for-cab.handler';
import { PublishCabMinutesHandler } from './application/commands/publish-cab-minutes/publish-cab-minutes.handler';
import { RecordCabDecisionHandler } from './application/commands/record-cab-decision/record-cab-decision.handler';
import { SaveCabMeetingHandler } from './application/commands/save-cab-meeting/save-cab-meeting.handler';
import { SaveRiskQuestionnaireHandler } from './application/commands/save-risk-questionnaire/save-risk-questionnaire.handler';
import { SaveRiskRuleHandler } from './application/commands/save-risk-rule/save-risk-rule.handler';
import { CabAgendaChanges, CabMeetingStore, ChangeAuthorisation } from './application/ports/cab-stores.port';
import { ChangeRiskTarget } from './application/ports/change-risk.port';
import { FailedChangeHistory, RiskAnswerStore, RiskQuestionnaireStore, RiskRuleStore } from './application/ports/risk-stores.port';
import { CabOccurrencesHandler } from './application/queries/cab-occurrences/cab-occurrences.handler';
import { CoreCabAgendaChanges, CoreChangeAuthorisation, CoreChangeRiskTarget } from './application/risk-cab-core.adapters';
import { RiskFactsService } from './application/risk-facts.service';
import { CabMeetingResolver } from './graphql/cab.resolver';
import { ChangeRiskResolver } from './graphql/risk.resolver';
import { CabMeetingRepository } from './persistence/cab-meeting.repository';
import { cabMeetingSchema } from './persistence/cab-meeting.schema';
import { ChangeReactionsConsumer } from './messaging/change-reactions.consumer';
import { ChangeHistoryRepository } from './persistence/change-history.repository';
import { RiskAnswerRepository, RiskQuestionnaireRepository, RiskRuleRepository } from './persistence/risk-configuration.repository';

/**
 * What ChangeModule registers for risk assessment and CAB meetings: the repositories (risk rules,
 * questionnaire, answers, the failed-changes read of `changes`, CAB meetings with their outbox), the
 * ports bound to them and to the core's change store and commands, the handlers and resolvers.
 * `MaintenanceCoverage` (the `outside_maintenance_window` rule) is bound by ChangeModule to the calendar.
 */
export const CHANGE_RISK_CAB_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(RiskRuleRepository, (c) => new RiskRuleRepository(c), RiskRuleRepository.indexes),
  contextRepository(RiskQuestionnaireRepository, (c) => new RiskQuestionnaireRepository(c), RiskQuestionnaireRepository.indexes),
  contextRepository(RiskAnswerRepository, (c) => new RiskAnswerRepository(c), RiskAnswerRepository.indexes),
  contextRepository(ChangeHistoryRepository, (c) => new ChangeHistoryRepository(c), ChangeHistoryRepository.indexes),
  outboxRepository(CabMeetingRepository, { model: 'ChangeCabMeeting', schema: cabMeetingSchema, topic: changeTopic.name }, (model, notify) => new CabMeetingRepository(model, notify)),
];

/** Its consumers (controllers): the context's reactions to its own events. */
export const CHANGE_RISK_CAB_CONSUMERS = [ChangeReactionsConsumer];

/** The use cases other parts of the service call (demo data, the approval engine's risk input). */
export const CHANGE_RISK_CAB_HANDLERS = [
  SaveRiskRuleHandler,
  DeleteRiskRuleHandler,
  SaveRiskQuestionnaireHandler,
  AssessChangeRiskHandler,
  SaveCabMeetingHandler,
  RecordCabDecisionHandler,
  PublishCabMinutesHandler,
  FlagChangeForCabHandler,
  CabOccurrencesHandler,
];

export const CHANGE_RISK_CAB_PROVIDERS: readonly Provider[] = [
  { provide: RiskRuleStore, useExisting: RiskRuleRepository },
  { provide: RiskQuestionnaireStore, useExisting: RiskQuestionnaireRepository },
  { provide: RiskAnswerStore, useExisting: RiskAnswerRepository },
  { provide: FailedChangeHistory, useExisting: ChangeHistoryRepository },
  { provide: CabMeetingStore, useExisting: CabMeetingRepository },
  { provide: ChangeRiskTarget, useClass: CoreChangeRiskTarget },
  { provide: ChangeAuthorisation, useClass: CoreChangeAuthorisation },
  { provide: CabAgendaChanges, useClass: CoreCabAgendaChanges },
  RiskFactsService,
  CabMeetings,
  AssessChangeRiskOnEntryHandler,
  ...CHANGE_RISK_CAB_HANDLERS,
  ChangeRiskResolver,
  CabMeetingResolver,
];
