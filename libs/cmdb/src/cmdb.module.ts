import { cmdbTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CiMergeService } from './application/ci-merge.service';
import { CmdbDataModelService } from './application/cmdb-data-model.service';
import { CmdbIndexService } from './application/cmdb-index.service';
import { CMDB_CONNECTION, CMDB_SETTINGS } from './application/cmdb.tokens';
import type { CmdbSettings } from './application/cmdb.tokens';
import {
  AddRelationshipHandler,
  RemoveRelationshipHandler,
  ReportDiscoveredCiHandler,
  RetireCiHandler,
  SaveCiClassHandler,
  SaveDiscoverySourceHandler,
  SaveRelationshipTypeHandler,
  UpdateCiHandler,
} from './application/commands';
import { IdentityService } from './application/identity.service';
import {
  AffectedServicesHandler,
  CiClassesHandler,
  CiRelationshipsHandler,
  ConfigurationItemHandler,
  ConfigurationItemsHandler,
  DiscoverySourcesHandler,
  ImpactAnalysisHandler,
  RelationshipTypesHandler,
  ServiceMapHandler,
} from './application/queries';
import { CiLifecycleResolver } from './graphql/ci-lifecycle.resolver';
import { CiQueryResolver } from './graphql/ci-query.resolver';
import { CiRelationshipResolver } from './graphql/ci-relationship.resolver';
import { DataModelResolver } from './graphql/data-model.resolver';
import { ImpactResolver } from './graphql/impact.resolver';
import { IncidentAffectedServicesResolver } from './graphql/incident-affected-services.resolver';
import { DiscoveryFeedConsumer } from './messaging/discovery-feed.consumer';
import { CI_SCANS, DataModelRepository, CI_STORE, CiRepository, ciSchema, DISCOVERY_RECEIPT_STORE, DiscoveryReceiptRepository, IDENTITY_CLAIM_STORE, IdentityClaimRepository, RELATIONSHIP_SCANS, RELATIONSHIP_STORE, RelationshipRepository, relationshipSchema } from './persistence';

export interface CmdbModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: CmdbSettings;
}

const DEFAULT_DATA_MODEL_POLL_MS = 5_000;

/** One handler per business verb (application/commands/<verb-noun>/). */
const COMMAND_HANDLERS = [
  ReportDiscoveredCiHandler,
  UpdateCiHandler,
  RetireCiHandler,
  AddRelationshipHandler,
  RemoveRelationshipHandler,
  SaveCiClassHandler,
  SaveRelationshipTypeHandler,
  SaveDiscoverySourceHandler,
];

/** One handler per read (application/queries/<noun>/). */
const QUERY_HANDLERS = [
  ConfigurationItemHandler,
  ConfigurationItemsHandler,
  CiRelationshipsHandler,
  ImpactAnalysisHandler,
  ServiceMapHandler,
  AffectedServicesHandler,
  CiClassesHandler,
  RelationshipTypesHandler,
  DiscoverySourcesHandler,
];

/** Data model (core library seeded, then polled), identity cache and impact index loaded before traffic. */
@Injectable()
class CmdbLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Notices schema changes saved through another replica. */
  private readonly poll: PeriodicJob;

  constructor(
    @Inject(CmdbDataModelService) private readonly dataModel: CmdbDataModelService,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CmdbIndexService) private readonly index: CmdbIndexService,
    @Inject(CMDB_SETTINGS) settings: CmdbSettings,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.poll = new PeriodicJob({
      name: 'CMDB schema poll',
      everyMs: settings.dataModelPollMs ?? DEFAULT_DATA_MODEL_POLL_MS,
      run: () => this.dataModel.refresh(),
      logger,
      failureLevel: 'warn',
      failureMessage: 'CMDB data model refresh failed; retrying',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dataModel.seedCore();
    await this.dataModel.refresh();
    await this.identity.warmUp();
    await this.index.start();
    this.poll.start();
  }

  /** The connection itself closes after this (ContextPersistenceModule's hook). */
  async onApplicationShutdown(): Promise<void> {
    await this.poll.stop();
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
        outboxRepository(CiRepository, { model: 'ConfigurationItem', schema: ciSchema, topic: cmdbTopic.name, scans: CI_SCANS }, (model, notify) => new CiRepository(model, notify)),
        outboxRepository(RelationshipRepository, { model: 'CmdbRelationship', schema: relationshipSchema, topic: cmdbTopic.name, scans: RELATIONSHIP_SCANS }, (model, notify) => new RelationshipRepository(model, notify)),
        contextRepository(IdentityClaimRepository, (c) => new IdentityClaimRepository(c), IdentityClaimRepository.indexes),
        contextRepository(DataModelRepository, (c) => new DataModelRepository(c), DataModelRepository.indexes),
        contextRepository(DiscoveryReceiptRepository, (c) => new DiscoveryReceiptRepository(c), DiscoveryReceiptRepository.indexes),
      ],
    });
    return {
      module: CmdbModule,
      imports: [persistence],
      controllers: [DiscoveryFeedConsumer],
      providers: [
        { provide: CMDB_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        // The handlers' store ports, bound to the repositories.
        { provide: CI_STORE, useExisting: CiRepository },
        { provide: RELATIONSHIP_STORE, useExisting: RelationshipRepository },
        { provide: IDENTITY_CLAIM_STORE, useExisting: IdentityClaimRepository },
        { provide: DISCOVERY_RECEIPT_STORE, useExisting: DiscoveryReceiptRepository },
        CmdbDataModelService,
        IdentityService,
        CmdbIndexService,
        CiMergeService,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        CmdbLifecycle,
        CiQueryResolver,
        ImpactResolver,
        CiLifecycleResolver,
        CiRelationshipResolver,
        DataModelResolver,
        IncidentAffectedServicesResolver,
      ],
      exports: [...COMMAND_HANDLERS, ...QUERY_HANDLERS, CmdbIndexService, CmdbDataModelService, persistence],
    };
  }
}
