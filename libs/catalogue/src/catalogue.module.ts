import { Clock, SystemClock } from '@itsm/platform/config';
import { CmdbProjection, contextRepository, ContextPersistenceModule, DirectoryProjection, MongoCmdbProjection, MongoDirectoryProjection, NumberSequenceRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ProjectCmdbEventHandler } from './application/commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectDirectoryEventHandler } from './application/commands/project-directory-event/project-directory-event.handler';
import type { CatalogueSettings } from './catalogue-env';
import { CATALOGUE_PORTFOLIO_CONSUMERS, CATALOGUE_PORTFOLIO_PROVIDERS, CATALOGUE_PORTFOLIO_REPOSITORIES } from './catalogue-portfolio';
import { CATALOGUE_REQUEST_CONSUMERS, CATALOGUE_REQUEST_PROVIDERS, CATALOGUE_REQUEST_REPOSITORIES } from './catalogue-requests';
import { CmdbEventsConsumer } from './messaging/cmdb-events.consumer';
import { DirectoryEventsConsumer } from './messaging/directory-events.consumer';

export const CATALOGUE_CONNECTION = Symbol('CATALOGUE_CONNECTION');

export interface CatalogueModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: CatalogueSettings;
}

/**
 * The service portfolio, the catalogue and request fulfilment: its own database
 * (`<prefix>_catalogue`), the directory projection it checks people, groups and organisations
 * against, the CMDB projection it checks configuration items against, REQ/RITM/TASK numbers (the platform's number sequence), and the portfolio's and
 * requests' pieces (catalogue-portfolio.ts, catalogue-requests.ts). Needs MessagingModule,
 * ObservabilityModule and AuthModule.
 */
@Module({})
export class CatalogueModule {
  static forRoot(options: CatalogueModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'catalogue',
      mongo: options.mongo,
      connection: CATALOGUE_CONNECTION,
      repositories: [
        contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes),
        contextRepository(MongoCmdbProjection, (c) => new MongoCmdbProjection(c), MongoCmdbProjection.indexes),
        contextRepository(NumberSequenceRepository, (c) => new NumberSequenceRepository(c), NumberSequenceRepository.indexes),
        ...CATALOGUE_PORTFOLIO_REPOSITORIES,
        ...CATALOGUE_REQUEST_REPOSITORIES,
      ],
    });
    return {
      module: CatalogueModule,
      global: true,
      imports: [persistence],
      controllers: [DirectoryEventsConsumer, CmdbEventsConsumer, ...CATALOGUE_PORTFOLIO_CONSUMERS, ...CATALOGUE_REQUEST_CONSUMERS],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: DirectoryProjection, useExisting: MongoDirectoryProjection },
        ProjectDirectoryEventHandler,
        { provide: CmdbProjection, useExisting: MongoCmdbProjection },
        ProjectCmdbEventHandler,
        ...CATALOGUE_PORTFOLIO_PROVIDERS,
        ...CATALOGUE_REQUEST_PROVIDERS,
      ],
      exports: [Clock, DirectoryProjection, CmdbProjection, persistence],
    };
  }
}
