import { notificationTopic } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { EVENT_BUS } from '@itsm/platform/messaging';
import type { EventBus } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import { MongoTimerClaimStore, timerClaimIndexes } from '@itsm/platform/scheduling';
import type { TimerClaimStore } from '@itsm/platform/scheduling';
import type { Provider, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { AcknowledgeEscalationHandler } from './application/commands/acknowledge-escalation/acknowledge-escalation.handler';
import { PageEscalationLevelHandler } from './application/commands/page-escalation-level/page-escalation-level.handler';
import { PassEscalationLevelHandler } from './application/commands/pass-escalation-level/pass-escalation-level.handler';
import { OnCallDirectoryCheck } from './application/commands/on-call-directory-check';
import { SaveEscalationPolicyHandler } from './application/commands/save-escalation-policy/save-escalation-policy.handler';
import { SaveOnCallScheduleHandler } from './application/commands/save-on-call-schedule/save-on-call-schedule.handler';
import { StartEscalationHandler } from './application/commands/start-escalation/start-escalation.handler';
import { EscalationAckLinks } from './application/escalation-ack-links';
import { EscalationAckLookup } from './application/escalation-ack-links-lookup';
import { EscalationCommands } from './application/escalation-commands';
import { EscalationTargets } from './application/escalation-targets';
import { EscalationPartitionsCheck } from './application/escalation-timers/escalation-partitions-check';
import { ESCALATION_TIMER_CLAIMS, EscalationTimers } from './application/escalation-timers/escalation-timers';
import { ScheduledOnCallRoster } from './application/on-call-schedule-roster';
import { EscalationStore } from './application/ports/escalation-store.port';
import { Escalations } from './application/ports/escalations.port';
import { OnCallRoster } from './application/ports/on-call-roster.port';
import { EscalationPolicyStore, OnCallScheduleStore } from './application/ports/on-call-stores.port';
import { OnCallQueries } from './application/queries/on-call-queries/on-call-queries';
import { EscalationResolver } from './graphql/escalation.resolver';
import { OnCallResolver } from './graphql/on-call.resolver';
import { EscalationAckController } from './http/escalation-ack.controller';
import { EscalationEventsConsumer } from './messaging/escalation-events.consumer';
import { EscalationPolicyRepository } from './persistence/escalation-policy.repository';
import { EscalationRepository } from './persistence/escalation.repository';
import { escalationSchema } from './persistence/escalation.schema';
import { OnCallScheduleRepository } from './persistence/on-call-schedule.repository';

/** Where the escalation wheel claims its firings and keeps its checkpoints. */
const ESCALATION_CLAIM_COLLECTIONS = { claims: 'notification_escalation_firings', checkpoints: 'notification_escalation_checkpoints', idPrefix: 'notification-escalation' } as const;
const ESCALATION_CLAIM_STORE = Symbol('ESCALATION_CLAIM_STORE');

/*
 * On-call schedules (rotations, overrides) and escalation policies run on the platform's partition-owned timers.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_ON_CALL_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(EscalationRepository, { model: 'NotificationEscalation', schema: escalationSchema, topic: notificationTopic.name }, (model, notify) => new EscalationRepository(model, notify)),
  contextRepository(OnCallScheduleRepository, (c) => new OnCallScheduleRepository(c), OnCallScheduleRepository.indexes),
  contextRepository(EscalationPolicyRepository, (c) => new EscalationPolicyRepository(c), EscalationPolicyRepository.indexes),
  contextRepository(ESCALATION_CLAIM_STORE, (c) => new MongoTimerClaimStore(c, ESCALATION_CLAIM_COLLECTIONS), timerClaimIndexes(ESCALATION_CLAIM_COLLECTIONS)),
];

export const NOTIFICATION_ON_CALL_PROVIDERS: readonly Provider[] = [
  { provide: EscalationStore, useExisting: EscalationRepository },
  { provide: OnCallScheduleStore, useExisting: OnCallScheduleRepository },
  { provide: EscalationPolicyStore, useExisting: EscalationPolicyRepository },
  { provide: OnCallRoster, useClass: ScheduledOnCallRoster },
  // The escalation wheel's claims in MongoDB: a level is published once across replicas and restarts.
  { provide: ESCALATION_TIMER_CLAIMS, useExisting: ESCALATION_CLAIM_STORE },
  {
    provide: EscalationTimers,
    inject: [EscalationRepository, ESCALATION_TIMER_CLAIMS, EVENT_BUS, Clock, PINO_LOGGER],
    useFactory: (store: EscalationRepository, claims: TimerClaimStore, bus: EventBus<readonly TopicDefinition[]>, clock: Clock, logger: Logger) =>
      new EscalationTimers({ store, claims, publish: (envelopes) => bus.publishEnvelopes(notificationTopic.name, envelopes), clock, logger }),
  },
  // Before anything consumes: itsm.notification.v1 must have the partitions escalations are placed by.
  { provide: EscalationPartitionsCheck, inject: [EVENT_BUS, PINO_LOGGER], useFactory: (bus: EventBus<readonly TopicDefinition[]>, logger: Logger) => new EscalationPartitionsCheck(bus, logger) },
  EscalationTargets,
  EscalationCommands,
  StartEscalationHandler,
  { provide: Escalations, useExisting: StartEscalationHandler },
  PassEscalationLevelHandler,
  PageEscalationLevelHandler,
  AcknowledgeEscalationHandler,
  EscalationAckLinks,
  EscalationAckLookup,
  OnCallDirectoryCheck,
  SaveOnCallScheduleHandler,
  SaveEscalationPolicyHandler,
  OnCallQueries,
  OnCallResolver,
  EscalationResolver,
];
/** The escalation events' consumer and the acknowledgement link's controller (GET shows, POST acknowledges /notification/v1/ack/<token>). */
export const NOTIFICATION_ON_CALL_CONSUMERS: readonly Type[] = [EscalationEventsConsumer, EscalationAckController];
