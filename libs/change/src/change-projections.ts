import { contextRepository, DirectoryProjection, MongoDirectoryProjection } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ProjectCmdbEventHandler } from './application/commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectChangeOutcomeHandler } from './application/commands/project-change-outcome/project-change-outcome.handler';
import { ProjectDirectoryEventHandler } from './application/commands/project-directory-event/project-directory-event.handler';
import { ProjectIncidentEventHandler } from './application/commands/project-incident-event/project-incident-event.handler';
import { ConfigurationItems, People } from './application/ports/change-references.port';
import { CausedIncidentStore, ClosedChangeStore, CmdbProjectionStore } from './application/ports/projection-stores.port';
import { ChangeSuccessScoresHandler } from './application/queries/change-success-scores/change-success-scores.handler';
import { IncidentCauseHandler } from './application/queries/incident-cause/incident-cause.handler';
import { ProjectedPeople } from './application/projections/projected-people';
import { ChangeOutcomesConsumer } from './messaging/change-outcomes.consumer';
import { CmdbEventsConsumer } from './messaging/cmdb-events.consumer';
import { DirectoryEventsConsumer } from './messaging/directory-events.consumer';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { CausedIncidentRepository } from './persistence/caused-incident.repository';
import { ClosedChangeRepository } from './persistence/closed-change.repository';
import { CmdbProjectionRepository } from './persistence/cmdb-projection.repository';

/**
 * What ChangeModule registers for the change context's projections (the CMDB, the directory, the
 * incidents changes caused, its own closings for the success score): the repositories (on the
 * context's connection, with their indexes), the ports they serve, the handlers and the consumers
 * (controllers). The context consumes `cmdbTopic`, `directoryTopic` and `incidentTopic` (and reads
 * its own `changeTopic`).
 */
export const CHANGE_PROJECTION_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(CmdbProjectionRepository, (c) => new CmdbProjectionRepository(c), CmdbProjectionRepository.indexes),
  contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes),
  contextRepository(CausedIncidentRepository, (c) => new CausedIncidentRepository(c), CausedIncidentRepository.indexes),
  contextRepository(ClosedChangeRepository, (c) => new ClosedChangeRepository(c), ClosedChangeRepository.indexes),
];

export const CHANGE_PROJECTION_PROVIDERS: readonly Provider[] = [
  { provide: ConfigurationItems, useExisting: CmdbProjectionRepository },
  { provide: CmdbProjectionStore, useExisting: CmdbProjectionRepository },
  { provide: DirectoryProjection, useExisting: MongoDirectoryProjection },
  { provide: People, inject: [DirectoryProjection], useFactory: (directory: DirectoryProjection) => new ProjectedPeople(directory) },
  { provide: CausedIncidentStore, useExisting: CausedIncidentRepository },
  { provide: ClosedChangeStore, useExisting: ClosedChangeRepository },
  ProjectCmdbEventHandler,
  ProjectDirectoryEventHandler,
  ProjectIncidentEventHandler,
  ProjectChangeOutcomeHandler,
  ChangeSuccessScoresHandler,
  IncidentCauseHandler,
];

export const CHANGE_PROJECTION_CONSUMERS = [CmdbEventsConsumer, DirectoryEventsConsumer, IncidentEventsConsumer, ChangeOutcomesConsumer];
