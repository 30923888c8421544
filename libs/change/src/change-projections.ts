import { contextRepository, DirectoryProjection, MongoDirectoryProjection } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ProjectCmdbEventHandler } from './application/commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectDirectoryEventHandler } from './application/commands/project-directory-event/project-directory-event.handler';
import { ConfigurationItems, People } from './application/ports/change-references.port';
import { CmdbProjectionStore } from './application/ports/projection-stores.port';
import { ProjectedPeople } from './application/projections/projected-people';
import { CmdbEventsConsumer } from './messaging/cmdb-events.consumer';
import { DirectoryEventsConsumer } from './messaging/directory-events.consumer';
import { CmdbProjectionRepository } from './persistence/cmdb-projection.repository';

/**
 * What ChangeModule registers for the change context's projections of the CMDB and the directory:
 * the repositories (on the context's connection, with their indexes), the ports they serve, the
 * handlers and the consumers (controllers). The context consumes `cmdbTopic` and `directoryTopic`.
 */
export const CHANGE_PROJECTION_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(CmdbProjectionRepository, (c) => new CmdbProjectionRepository(c), CmdbProjectionRepository.indexes),
  contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes),
];

export const CHANGE_PROJECTION_PROVIDERS: readonly Provider[] = [
  { provide: ConfigurationItems, useExisting: CmdbProjectionRepository },
  { provide: CmdbProjectionStore, useExisting: CmdbProjectionRepository },
  { provide: DirectoryProjection, useExisting: MongoDirectoryProjection },
  { provide: People, inject: [DirectoryProjection], useFactory: (directory: DirectoryProjection) => new ProjectedPeople(directory) },
  ProjectCmdbEventHandler,
  ProjectDirectoryEventHandler,
];

export const CHANGE_PROJECTION_CONSUMERS = [CmdbEventsConsumer, DirectoryEventsConsumer];
