import { incidentTopic, problemTopic } from '@itsm/contracts';
import { contextRepository, ContextPersistenceModule, NumberSequenceRepository, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { AutoCloseScheduler } from './application/auto-close.scheduler';
import { ActingPeople } from './application/ports/acting-people.port';
import { Clock, SystemClock } from './application/clock';
import { IncidentCommandRunner } from './application/incident-command-runner';
import { INCIDENT_HANDLERS } from './application/incident-handlers';
import { INCIDENT_SETTINGS } from './application/incident.tokens';
import type { IncidentSettings } from './application/incident.tokens';
import { IncidentSelections, IncidentStore } from './application/ports/incident-store.port';
import { ProblemStore } from './application/ports/problem-store.port';
import { DirectoryProjectionStore } from './application/ports/directory-projection.port';
import { AssignmentGroups, Organisations, PriorityMatrices } from './application/ports/reference-data.port';
import { TicketNumbers } from './application/ports/ticket-numbers.port';
import { ProblemCommandRunner } from './application/problem-command-runner';
import { IncidentLifecycleResolver } from './graphql/incident-lifecycle.resolver';
import { IncidentQueryResolver } from './graphql/incident-query.resolver';
import { IncidentRecordResolver } from './graphql/incident-record.resolver';
import { IncidentResolutionResolver } from './graphql/incident-resolution.resolver';
import { MajorIncidentResolver } from './graphql/major-incident.resolver';
import { ProblemLifecycleResolver } from './graphql/problem-lifecycle.resolver';
import { ProblemQueryResolver } from './graphql/problem-query.resolver';
import { ReferenceDataResolver } from './graphql/reference-data.resolver';
import { DirectoryEventsConsumer } from './messaging/directory-events.consumer';
import { NotificationRepliesConsumer } from './messaging/notification-replies.consumer';
import { SupplierUpdatesConsumer } from './messaging/supplier-updates.consumer';
import { IncidentReactionsConsumer } from './messaging/incident-reactions.consumer';
import { DirectoryProjectionRepository } from './persistence/directory-projection.repository';
import { IncidentRepository } from './persistence/incident.repository';
import { INCIDENT_SCANS, incidentSchema } from './persistence/incident.schema';
import { ProblemRepository } from './persistence/problem.repository';
import { problemSchema } from './persistence/problem.schema';
import { ReferenceDataRepository } from './persistence/reference-data.repository';

export const INCIDENT_CONNECTION = Symbol('INCIDENT_CONNECTION');

/** Binds a store port the handlers depend on to the repository that implements it (checked by the compiler). */
function port<P>(token: abstract new () => P, repository: new (...args: never[]) => P): Provider {
  return { provide: token, useExisting: repository };
}

export interface IncidentModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: IncidentSettings;
}

/**
 * The incident-and-problem bounded context: its own database (`<prefix>_incident`), repositories that
 * write state and outbox together, the use-case handlers, the GraphQL resolvers and the event consumers.
 * Needs MessagingModule (EVENT_BUS, OutboxRelayService), ObservabilityModule and AuthModule.
 */
@Module({})
export class IncidentModule {
  static forRoot(options: IncidentModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'incident',
      mongo: options.mongo,
      connection: INCIDENT_CONNECTION,
      repositories: [
        outboxRepository(IncidentRepository, { model: 'Incident', schema: incidentSchema, topic: incidentTopic.name, scans: INCIDENT_SCANS }, (model, notify) => new IncidentRepository(model, notify)),
        outboxRepository(ProblemRepository, { model: 'Problem', schema: problemSchema, topic: problemTopic.name }, (model, notify) => new ProblemRepository(model, notify)),
        contextRepository(NumberSequenceRepository, (c) => new NumberSequenceRepository(c), NumberSequenceRepository.indexes),
        contextRepository(ReferenceDataRepository, (c) => new ReferenceDataRepository(c), ReferenceDataRepository.indexes),
        contextRepository(DirectoryProjectionRepository, (c) => new DirectoryProjectionRepository(c), DirectoryProjectionRepository.indexes),
      ],
    });
    return {
      module: IncidentModule,
      imports: [persistence],
      controllers: [IncidentReactionsConsumer, DirectoryEventsConsumer, NotificationRepliesConsumer, SupplierUpdatesConsumer],
      providers: [
        { provide: INCIDENT_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        port(IncidentStore, IncidentRepository),
        port(IncidentSelections, IncidentRepository),
        port(ProblemStore, ProblemRepository),
        port(AssignmentGroups, DirectoryProjectionRepository),
        port(Organisations, DirectoryProjectionRepository),
        port(DirectoryProjectionStore, DirectoryProjectionRepository),
        port(ActingPeople, DirectoryProjectionRepository),
        port(PriorityMatrices, ReferenceDataRepository),
        port(TicketNumbers, NumberSequenceRepository),
        { provide: IncidentCommandRunner, inject: [IncidentStore, Clock], useFactory: (store: IncidentStore, clock: Clock) => new IncidentCommandRunner(store, clock) },
        { provide: ProblemCommandRunner, inject: [ProblemStore, Clock], useFactory: (store: ProblemStore, clock: Clock) => new ProblemCommandRunner(store, clock) },
        ...INCIDENT_HANDLERS,
        AutoCloseScheduler,
        IncidentQueryResolver,
        IncidentLifecycleResolver,
        IncidentResolutionResolver,
        IncidentRecordResolver,
        MajorIncidentResolver,
        ProblemQueryResolver,
        ProblemLifecycleResolver,
        ReferenceDataResolver,
      ],
      exports: [...INCIDENT_HANDLERS, persistence],
    };
  }
}
