import { contextRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { NotifyOnEventHandler } from './application/commands/notify-on-event/notify-on-event.handler';
import { SaveNotificationRuleHandler } from './application/commands/save-notification-rule/save-notification-rule.handler';
import { SetNotificationRuleEnabledHandler } from './application/commands/set-notification-rule-enabled/set-notification-rule-enabled.handler';
import { DryRunNotificationRuleHandler } from './application/queries/dry-run-notification-rule/dry-run-notification-rule.handler';
import { NotificationRulesHandler } from './application/queries/notification-rules/notification-rules.handler';
import { NotificationRuleResolver } from './graphql/notification-rule.resolver';
import { BuiltInRules } from './application/built-in-rules';
import { EnabledRules } from './application/enabled-rules';
import { NoticeEvaluation } from './application/notice-evaluation';
import { NotifiableEventStore } from './application/ports/notifiable-event-store.port';
import { NotificationRuleStore } from './application/ports/notification-rule-store.port';
import { NotifiableEventsConsumer } from './messaging/notifiable-events.consumer';
import { NotifiableEventRepository } from './persistence/notifiable-event.repository';
import { NotificationRuleRepository } from './persistence/notification-rule.repository';
import { PersonRefs } from './application/person-refs';

/*
 * Rules (trigger, conditions, recipients, channels, template; the built-in ones seeded at every start), templates per locale, the ticket facts projection, the consumer of every notifiable topic and the dry run.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 * Needs from the other parts: DeliveryIntake (delivery), OnCallRoster (on-call), KnownTemplates (templates), KnownEndpoints (delivery).
 */
export const NOTIFICATION_RULES_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(NotificationRuleRepository, (c) => new NotificationRuleRepository(c), NotificationRuleRepository.indexes),
  contextRepository(NotifiableEventRepository, (c) => new NotifiableEventRepository(c), NotifiableEventRepository.indexes),
];
export const NOTIFICATION_RULES_PROVIDERS: readonly Provider[] = [
  { provide: NotificationRuleStore, useExisting: NotificationRuleRepository },
  { provide: NotifiableEventStore, useExisting: NotifiableEventRepository },
  EnabledRules,
  BuiltInRules,
  NoticeEvaluation,
  PersonRefs,
  NotifyOnEventHandler,
  SaveNotificationRuleHandler,
  SetNotificationRuleEnabledHandler,
  NotificationRulesHandler,
  DryRunNotificationRuleHandler,
  NotificationRuleResolver,
];
export const NOTIFICATION_RULES_CONSUMERS: readonly Type[] = [NotifiableEventsConsumer];
