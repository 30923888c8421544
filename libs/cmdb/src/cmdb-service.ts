import { cmdbDiscoveryTopic, cmdbTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import type { AuthSettings } from '@itsm/platform/auth';
import { AuthModule } from '@itsm/platform/auth';
import type { LogLevel, NodeEnv } from '@itsm/platform/config';
import { subgraphGraphQLModule } from '@itsm/platform/graphql';
import type { EventBus, KafkaConnectionSettings, KafkaConsumerSettings } from '@itsm/platform/messaging';
import { EVENT_BUS, EventBusTransport, MessagingModule } from '@itsm/platform/messaging';
import { ObservabilityModule, PinoNestLogger, PINO_LOGGER } from '@itsm/platform/observability';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import type { CmdbSettings } from './application/cmdb-tokens';
import { CmdbModule } from './cmdb.module';
import { seedDemoCmdb } from './demo/cmdb-demo-data';
import { IncidentCmdbRef } from './graphql/cmdb.types';
import { CmdbSchema } from './graphql/cmdb.schema-marker';

/** The group that shares the discovery feed among the CMDB's replicas. */
export const CMDB_CONSUMER_GROUP = 'cmdb-service';

export interface CmdbServiceSettings {
  readonly nodeEnv: NodeEnv;
  readonly logLevel: LogLevel;
  readonly mongo: MongoSettings;
  readonly auth: AuthSettings;
  readonly cmdb: CmdbSettings;
  /** Seed a few hundred demo CIs when the CMDB holds none (compose, demos). */
  readonly seedDemoData?: boolean;
  /** Kafka in microservices mode; otherwise `bus` (the all-in-one's shared in-process bus). */
  readonly kafka?: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly bus?: EventBus<readonly TopicDefinition[]>;
  readonly logDestination?: DestinationStream;
}

/** Everything the CMDB service process runs: health/metrics, bus, auth, the federation subgraph, the context. */
@Module({})
export class CmdbServiceModule {
  static forRoot(settings: CmdbServiceSettings): DynamicModule {
    return {
      module: CmdbServiceModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'cmdb', logLevel: settings.logLevel, ...(settings.logDestination ? { logDestination: settings.logDestination } : {}) }),
        MessagingModule.forRoot({
          registry: new TopicRegistry([cmdbTopic, cmdbDiscoveryTopic]),
          ...(settings.kafka ? { kafka: settings.kafka } : {}),
          ...(settings.consumer ? { consumer: settings.consumer } : {}),
          ...(settings.bus ? { bus: settings.bus } : {}),
        }),
        AuthModule.forRoot(settings.auth),
        subgraphGraphQLModule({ nodeEnv: settings.nodeEnv, module: CmdbModule, schema: CmdbSchema, orphanedTypes: [IncidentCmdbRef] }),
        CmdbModule.forRoot({ mongo: settings.mongo, settings: settings.cmdb }),
      ],
    };
  }
}

/**
 * Builds and starts the CMDB service: HTTP (subgraph, health, metrics) on `port`, the discovery
 * feed consumer (shared group) and this replica's index consumer of the CMDB's own events.
 */
export async function startCmdbService(
  settings: CmdbServiceSettings,
  http: { readonly port: number; readonly host?: string; readonly shutdownHooks?: boolean },
): Promise<INestApplication> {
  const app = await NestFactory.create(CmdbServiceModule.forRoot(settings), { bufferLogs: true });
  app.useLogger(new PinoNestLogger(app.get(PINO_LOGGER)));
  if (http.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  if (settings.seedDemoData === true) await seedDemoCmdb(app);
  app.connectMicroservice({ strategy: new EventBusTransport(app.get(EVENT_BUS), { group: CMDB_CONSUMER_GROUP }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(http.port, http.host ?? '0.0.0.0');
  return app;
}
