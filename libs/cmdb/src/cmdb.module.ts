import { cmdbTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ManageRelationshipsHandler } from './application/commands/manage-relationships.handler';
import { ReconcileCiHandler } from './application/commands/reconcile-ci.handler';
import { CmdbCatalogService } from './application/cmdb-catalog.service';
import { CmdbIndexService } from './application/cmdb-index.service';
import { CMDB_CONNECTION, CMDB_SETTINGS } from './application/cmdb-tokens';
import type { CmdbSettings } from './application/cmdb-tokens';
import { IdentityService } from './application/identity.service';
import { CmdbQueries } from './application/queries/cmdb-queries';
import { CmdbResolver } from './graphql/cmdb.resolver';
import { IncidentAffectedServicesResolver } from './graphql/incident-affected-services.resolver';
import { DiscoveryFeedConsumer } from './messaging/discovery-feed.consumer';
import { CatalogRepository, CiRepository, ciSchema, IdentityClaimRepository, RelationshipRepository, relationshipSchema } from './persistence';

export interface CmdbModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: CmdbSettings;
}

const DEFAULT_CATALOG_POLL_MS = 5_000;

/** Catalogue (core library seeded, then polled), identity cache and impact index loaded before traffic. */
@Injectable()
class CmdbLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private poll: NodeJS.Timeout | undefined;

  constructor(
    @Inject(CmdbCatalogService) private readonly catalog: CmdbCatalogService,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CmdbIndexService) private readonly index: CmdbIndexService,
    @Inject(CMDB_SETTINGS) private readonly settings: CmdbSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.catalog.seedCore();
    await this.catalog.refresh();
    await this.identity.warmUp();
    await this.index.start();
    this.poll = setInterval(() => {
      this.catalog.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'CMDB catalogue refresh failed; retrying'));
    }, this.settings.catalogPollMs ?? DEFAULT_CATALOG_POLL_MS);
    this.poll.unref();
  }

  /** The connection itself closes after this (ContextPersistenceModule's hook). */
  onApplicationShutdown(): void {
    clearInterval(this.poll);
  }
}

/**
 * The CMDB bounded context: CI classes, relationship types and discovery sources as data; CIs with
 * provenance and history; identification and reconciliation of discovery feeds; the in-memory
 * impact index. Needs MessagingModule (EVENT_BUS, OutboxRelayService), ObservabilityModule, AuthModule.
 */
@Module({})
export class CmdbModule {
  static forRoot(options: CmdbModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'cmdb',
      mongo: options.mongo,
      connection: CMDB_CONNECTION,
      repositories: [
        outboxRepository(CiRepository, { model: 'ConfigurationItem', schema: ciSchema, topic: cmdbTopic.name }, (model, notify) => new CiRepository(model, notify)),
        outboxRepository(RelationshipRepository, { model: 'CmdbRelationship', schema: relationshipSchema, topic: cmdbTopic.name }, (model, notify) => new RelationshipRepository(model, notify)),
        contextRepository(IdentityClaimRepository, (c) => new IdentityClaimRepository(c)),
        contextRepository(CatalogRepository, (c) => new CatalogRepository(c)),
      ],
    });
    return {
      module: CmdbModule,
      imports: [persistence],
      controllers: [DiscoveryFeedConsumer],
      providers: [
        { provide: CMDB_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        CmdbCatalogService,
        IdentityService,
        CmdbIndexService,
        ManageRelationshipsHandler,
        ReconcileCiHandler,
        CmdbQueries,
        CmdbLifecycle,
        CmdbResolver,
        IncidentAffectedServicesResolver,
      ],
      exports: [ReconcileCiHandler, ManageRelationshipsHandler, CmdbQueries, CmdbIndexService, CmdbCatalogService, persistence],
    };
  }
}
