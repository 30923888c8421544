import { incidentTopic, problemTopic } from '@itsm/contracts';
import { contextRepository, ContextPersistenceModule, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
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
import { incidentSchema } from './persistence/incident.schema';
import { NumberSequenceRepository } from './persistence/number-sequence.repository';
import { ProblemRepository } from './persistence/problem.repository';
import { problemSchema } from './persistence/problem.schema';
import { ReferenceDataRepository } from './persistence/reference-data.repository';

export const INCIDENT_CONNECTION = Symbol('INCIDENT_CONNECTION');

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
        outboxRepository(IncidentRepository, { model: 'Incident', schema: incidentSchema, topic: incidentTopic.name }, (model, notify) => new IncidentRepository(model, notify)),
        outboxRepository(ProblemRepository, { model: 'Problem', schema: problemSchema, topic: problemTopic.name }, (model, notify) => new ProblemRepository(model, notify)),
        contextRepository(NumberSequenceRepository, (c) => new NumberSequenceRepository(c)),
        contextRepository(ReferenceDataRepository, (c) => new ReferenceDataRepository(c)),
      ],
    });
    return {
      module: IncidentModule,
      imports: [persistence],
      controllers: [IncidentReactionsConsumer],
      providers: [
        { provide: INCIDENT_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
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
      exports: [OpenIncidentHandler, RunIncidentCommandHandler, ManageReferenceDataHandler, OpenProblemHandler, RunProblemCommandHandler, FindIncidentsHandler, persistence],
    };
  }
}
