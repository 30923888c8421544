import { incidentTopic, problemTopic } from '@itsm/contracts';
import { OutboxRelayService } from '@itsm/platform/messaging';
import { connectContext, MongoOutboxStore } from '@itsm/platform/persistence';
import type { MongoSettings, StoredDocument } from '@itsm/platform/persistence';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import type { Connection, Model, Schema } from 'mongoose';
import { AutoCloseScheduler } from './application/auto-close.scheduler';
import { Clock, SystemClock } from './application/clock';
import { AutoCloseIncidentsHandler } from './application/commands/auto-close-incidents/auto-close-incidents.handler';
import { ManageReferenceDataHandler } from './application/commands/manage-reference-data/manage-reference-data.handler';
import { OpenIncidentHandler } from './application/commands/open-incident/open-incident.handler';
import { OpenProblemHandler } from './application/commands/open-problem/open-problem.handler';
import { RunIncidentCommandHandler } from './application/commands/run-incident-command/run-incident-command.handler';
import { RunProblemCommandHandler } from './application/commands/run-problem-command/run-problem-command.handler';
import { UpdatePriorityMatrixHandler } from './application/commands/update-priority-matrix/update-priority-matrix.handler';
import { INCIDENT_SETTINGS } from './application/incident-tokens';
import type { IncidentSettings } from './application/incident-tokens';
import { FindIncidentsHandler } from './application/queries/find-incidents/find-incidents.handler';
import { FindProblemsHandler } from './application/queries/find-problems/find-problems.handler';
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
        OpenIncidentHandler,
        RunIncidentCommandHandler,
        AutoCloseIncidentsHandler,
        UpdatePriorityMatrixHandler,
        OpenProblemHandler,
        RunProblemCommandHandler,
        ManageReferenceDataHandler,
        FindIncidentsHandler,
        FindProblemsHandler,
        AutoCloseScheduler,
        IncidentResolver,
        ProblemResolver,
        ReferenceDataResolver,
      ],
      exports: [OpenIncidentHandler, RunIncidentCommandHandler, ManageReferenceDataHandler, OpenProblemHandler, RunProblemCommandHandler, FindIncidentsHandler, IncidentRepository, ReferenceDataRepository, INCIDENT_CONNECTION],
    };
  }
}
