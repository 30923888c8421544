import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver } from '@nestjs/apollo';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { incidentTopic, problemTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import type { AuthSettings } from '@itsm/platform/auth';
import { AuthModule } from '@itsm/platform/auth';
import type { NodeEnv, LogLevel } from '@itsm/platform/config';
import type { EventBus, KafkaConnectionSettings, KafkaConsumerSettings } from '@itsm/platform/messaging';
import { EVENT_BUS, EventBusTransport, MessagingModule } from '@itsm/platform/messaging';
import { ObservabilityModule, PinoNestLogger, PINO_LOGGER } from '@itsm/platform/observability';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { DestinationStream } from 'pino';
import type { IncidentSettings } from './application/incident-tokens';
import { IncidentModule } from './incident.module';

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
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          autoSchemaFile: { federation: 2 },
          path: '/graphql',
          context: ({ req }: { req: unknown }) => ({ req }),
          // Guards and filters also run on @ResolveReference and field resolvers.
          fieldResolverEnhancers: ['guards', 'filters'],
          playground: false,
          introspection: settings.nodeEnv !== 'production',
          includeStacktraceInErrorResponses: settings.nodeEnv !== 'production',
          // Apollo Studio traces are not collected; they would only cost time on every answer.
          plugins: [ApolloServerPluginInlineTraceDisabled()],
          // Coded errors travel as they are; anything else is an internal fault whose text (hosts,
          // drivers) must not reach a client in production.
          formatError: (formatted) =>
            settings.nodeEnv === 'production' && (formatted.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') === 'INTERNAL_SERVER_ERROR'
              ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
              : formatted,
        }),
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
