import { incidentTopic, problemTopic, TopicRegistry } from '@itsm/contracts';
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
import type { IncidentSettings } from './application/incident-tokens';
import { IncidentModule } from './incident.module';
import { IncidentSchema } from './graphql/incident.schema-marker';

export const INCIDENT_CONSUMER_GROUP = 'incident-service';

export interface IncidentServiceSettings {
  readonly nodeEnv: NodeEnv;
  readonly logLevel: LogLevel;
  readonly mongo: MongoSettings;
  readonly auth: AuthSettings;
  readonly incident: IncidentSettings;
  /** Kafka in microservices mode; otherwise `bus` (the all-in-one's shared in-process bus). */
  readonly kafka?: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly bus?: EventBus<readonly TopicDefinition[]>;
  readonly logDestination?: DestinationStream;
}

/** Everything the incident service process runs: health/metrics, bus, auth, the federation subgraph, the context. */
@Module({})
export class IncidentServiceModule {
  static forRoot(settings: IncidentServiceSettings): DynamicModule {
    return {
      module: IncidentServiceModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'incident', logLevel: settings.logLevel, ...(settings.logDestination ? { logDestination: settings.logDestination } : {}) }),
        MessagingModule.forRoot({
          registry: new TopicRegistry([incidentTopic, problemTopic]),
          ...(settings.kafka ? { kafka: settings.kafka } : {}),
          ...(settings.consumer ? { consumer: settings.consumer } : {}),
          ...(settings.bus ? { bus: settings.bus } : {}),
        }),
        AuthModule.forRoot(settings.auth),
        subgraphGraphQLModule({ nodeEnv: settings.nodeEnv, module: IncidentModule, schema: IncidentSchema }),
        IncidentModule.forRoot({ mongo: settings.mongo, settings: settings.incident }),
      ],
    };
  }
}

/** Builds and starts the incident service: HTTP (subgraph, health, metrics) on `port`, consumers on the bus. */
export async function startIncidentService(
  settings: IncidentServiceSettings,
  http: { readonly port: number; readonly host?: string; readonly shutdownHooks?: boolean },
): Promise<INestApplication> {
  const app = await NestFactory.create(IncidentServiceModule.forRoot(settings), { bufferLogs: true });
  app.useLogger(new PinoNestLogger(app.get(PINO_LOGGER)));
  // A process hosting several apps (the all-in-one) handles signals itself and closes each app.
  if (http.shutdownHooks ?? true) app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new EventBusTransport(app.get(EVENT_BUS), { group: INCIDENT_CONSUMER_GROUP }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(http.port, http.host ?? '0.0.0.0');
  return app;
}
