import { incidentTopic, problemTopic } from '@itsm/contracts';
import { OutboxRelayService } from '@itsm/platform/messaging';
import { connectContext, MongoOutboxStore } from '@itsm/platform/persistence';
import type { MongoSettings, StoredDocument } from '@itsm/platform/persistence';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Connection, Model, Schema } from 'mongoose';
import { AutoCloseScheduler } from './application/auto-close.scheduler';
import { Clock, SystemClock } from './application/clock';
import { IncidentCommandRunner } from './application/incident-command-runner';
import { INCIDENT_HANDLERS } from './application/incident-handlers';
import { INCIDENT_SETTINGS } from './application/incident-tokens';
import type { IncidentSettings } from './application/incident-tokens';
import { IncidentSelections, IncidentStore } from './application/ports/incident-store.port';
import { ProblemStore } from './application/ports/problem-store.port';
import { AssignmentGroups, Organisations, PriorityMatrices } from './application/ports/reference-data.port';
import { TicketNumbers } from './application/ports/ticket-numbers.port';
import { ProblemCommandRunner } from './application/problem-command-runner';
import { IncidentResolver } from './graphql/incident.resolver';
import { ProblemResolver } from './graphql/problem.resolver';
import { ReferenceDataResolver } from './graphql/reference-data.resolver';
import { IncidentReactionsConsumer } from './messaging/incident-reactions.consumer';
import { IncidentRepository } from './persistence/incident.repository';
import type { IncidentDocument } from './persistence/incident.schema';
import { incidentSchema } from './persistence/incident.schema';
import { NumberSequenceRepository } from './persistence/number-sequence.repository';
import { ProblemRepository } from './persistence/problem.repository';
import type { ProblemDocument } from './persistence/problem.schema';
import { problemSchema } from './persistence/problem.schema';
import { ReferenceDataRepository } from './persistence/reference-data.repository';

export const INCIDENT_CONNECTION = Symbol('INCIDENT_CONNECTION');

/** An aggregate collection's model, with its outbox registered on the relay (before the app starts). */
function outboxModel<D>(connection: Connection, relay: OutboxRelayService, name: string, schema: Schema<D>, topic: string): Model<StoredDocument<D>> {
  const model = connection.model(name, schema) as unknown as Model<StoredDocument<D>>;
  relay.register(new MongoOutboxStore(topic, model as never));
  return model;
}

/** Binds a store port the handlers depend on to the repository that implements it (checked by the compiler). */
function port<P>(token: abstract new () => P, repository: new (...args: never[]) => P): Provider {
  return { provide: token, useExisting: repository };
}

export interface IncidentModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: IncidentSettings;
}

@Injectable()
class IncidentConnectionLifecycle implements OnApplicationShutdown {
  constructor(@Inject(INCIDENT_CONNECTION) private readonly connection: Connection) {}

  /** After the bus has drained (MessagingModule closes it in its own shutdown hook, registered first). */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * The incident-and-problem bounded context: its own database (`<prefix>_incident`), repositories that
 * write state and outbox together, the use-case handlers, the GraphQL resolvers and the event consumers.
 * Needs MessagingModule (EVENT_BUS, OutboxRelayService), ObservabilityModule and AuthModule.
 */
@Module({})
export class IncidentModule {
  static forRoot(options: IncidentModuleOptions): DynamicModule {
    return {
      module: IncidentModule,
      controllers: [IncidentReactionsConsumer],
      providers: [
        { provide: INCIDENT_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        { provide: INCIDENT_CONNECTION, useFactory: () => connectContext(options.mongo, 'incident') },
        IncidentConnectionLifecycle,
        {
          provide: IncidentRepository,
          inject: [INCIDENT_CONNECTION, OutboxRelayService],
          useFactory: (connection: Connection, relay: OutboxRelayService) =>
            new IncidentRepository(outboxModel<IncidentDocument>(connection, relay, 'Incident', incidentSchema, incidentTopic.name), relay.notify),
        },
        {
          provide: ProblemRepository,
          inject: [INCIDENT_CONNECTION, OutboxRelayService],
          useFactory: (connection: Connection, relay: OutboxRelayService) =>
            new ProblemRepository(outboxModel<ProblemDocument>(connection, relay, 'Problem', problemSchema, problemTopic.name), relay.notify),
        },
        { provide: NumberSequenceRepository, inject: [INCIDENT_CONNECTION], useFactory: (c: Connection) => new NumberSequenceRepository(c) },
        { provide: ReferenceDataRepository, inject: [INCIDENT_CONNECTION], useFactory: (c: Connection) => new ReferenceDataRepository(c) },
        port(IncidentStore, IncidentRepository),
        port(IncidentSelections, IncidentRepository),
        port(ProblemStore, ProblemRepository),
        port(AssignmentGroups, ReferenceDataRepository),
        port(Organisations, ReferenceDataRepository),
        port(PriorityMatrices, ReferenceDataRepository),
        port(TicketNumbers, NumberSequenceRepository),
        { provide: IncidentCommandRunner, inject: [IncidentStore, Clock], useFactory: (store: IncidentStore, clock: Clock) => new IncidentCommandRunner(store, clock) },
        { provide: ProblemCommandRunner, inject: [ProblemStore, Clock], useFactory: (store: ProblemStore, clock: Clock) => new ProblemCommandRunner(store, clock) },
        ...INCIDENT_HANDLERS,
        AutoCloseScheduler,
        IncidentResolver,
        ProblemResolver,
        ReferenceDataResolver,
      ],
      exports: [...INCIDENT_HANDLERS, IncidentRepository, ReferenceDataRepository, INCIDENT_CONNECTION],
    };
  }
}
