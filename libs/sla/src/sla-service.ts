import { incidentTopic, slaTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import type { AuthSettings } from '@itsm/platform/auth';
import { subgraphGraphQLModule } from '@itsm/platform/graphql';
import { AuthModule } from '@itsm/platform/auth';
import type { NodeEnv, LogLevel } from '@itsm/platform/config';
import type { EventBus, KafkaConnectionSettings, KafkaConsumerSettings } from '@itsm/platform/messaging';
import { EVENT_BUS, EventBusTransport, MessagingModule } from '@itsm/platform/messaging';
import { ObservabilityModule, PinoNestLogger, PINO_LOGGER } from '@itsm/platform/observability';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import type { SlaSettings } from './application/sla-tokens';
import { SLA_TIMERS } from './application/sla-timer.token';
import type { SlaTimerService } from './application/timers/sla-timer.service';
import { SlaModule } from './sla.module';
import { IncidentSlaRef } from './graphql/sla.types';
import { SlaSchema } from './graphql/sla.schema-marker';
import { ManageSlaCatalogHandler } from './application/commands/manage-catalog/manage-sla-catalog.handler';
import { SlaCatalog } from './application/sla-catalog';
import { seedDemoCatalog } from './demo/sla-demo-catalog';

export const SLA_CONSUMER_GROUP = 'sla-service';

export interface SlaServiceSettings {
  readonly nodeEnv: NodeEnv;
  readonly logLevel: LogLevel;
  readonly mongo: MongoSettings;
  readonly auth: AuthSettings;
  readonly sla: SlaSettings;
  /** Seed the demo catalogue when the catalogue is empty (before any event is consumed). */
  readonly seedDemoCatalog?: boolean;
  /** Kafka in microservices mode; otherwise `bus` (the all-in-one's shared in-process bus). */
  readonly kafka?: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly bus?: EventBus<readonly TopicDefinition[]>;
  readonly logDestination?: DestinationStream;
}

/** Everything the SLA service process runs: health/metrics, bus, auth, the federation subgraph, the context. */
@Module({})
export class SlaServiceModule {
  static forRoot(settings: SlaServiceSettings): DynamicModule {
    return {
      module: SlaServiceModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'sla', logLevel: settings.logLevel, ...(settings.logDestination ? { logDestination: settings.logDestination } : {}) }),
        MessagingModule.forRoot({
          registry: new TopicRegistry([incidentTopic, slaTopic]),
          ...(settings.kafka ? { kafka: settings.kafka } : {}),
          ...(settings.consumer ? { consumer: settings.consumer } : {}),
          ...(settings.bus ? { bus: settings.bus } : {}),
        }),
        AuthModule.forRoot(settings.auth),
        subgraphGraphQLModule({ nodeEnv: settings.nodeEnv, module: SlaModule, schema: SlaSchema, orphanedTypes: [IncidentSlaRef] }),
        SlaModule.forRoot({ mongo: settings.mongo, settings: settings.sla }),
      ],
    };
  }
}

/**
 * Builds and starts the SLA service: HTTP (subgraph, health, metrics) on `port`, the incident-event
 * consumer on the bus, whose partition assignment decides which tickets' timers this replica runs.
 */
export async function startSlaService(
  settings: SlaServiceSettings,
  http: { readonly port: number; readonly host?: string; readonly shutdownHooks?: boolean },
): Promise<INestApplication> {
  const app = await NestFactory.create(SlaServiceModule.forRoot(settings), { bufferLogs: true });
  app.useLogger(new PinoNestLogger(app.get(PINO_LOGGER)));
  // A process hosting several apps (the all-in-one) handles signals itself and closes each app.
  if (http.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  if (settings.seedDemoCatalog === true) await seedDemoCatalog(app.get(ManageSlaCatalogHandler), app.get(SlaCatalog), new Date().getUTCFullYear());
  app.connectMicroservice({
      strategy: new EventBusTransport(app.get(EVENT_BUS), { group: SLA_CONSUMER_GROUP, onAssignment: app.get<SlaTimerService>(SLA_TIMERS).onAssignment }),
    }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(http.port, http.host ?? '0.0.0.0');
  return app;
}
