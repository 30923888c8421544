import { ApolloGatewayDriver } from '@nestjs/apollo';
import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { breakerStateMetric, HealthRegistry, MetricsRegistry, PINO_LOGGER } from '@itsm/platform/observability';
import type { Logger } from 'pino';
import { AsyncApiController } from './asyncapi.controller';
import { gatewayDriverConfig } from './gateway-driver-config';
import type { GatewaySettings } from './gateway-env';
import { DEFAULT_FORWARD_TIMEOUT_MS, HttpForwarder } from './http-forwarder';

/**
 * The federated GraphQL gateway on `/graphql`, and the HttpForwarder of the contexts' routes it
 * serves too (`settings.forwards`; createGatewayApp mounts it), and the event contract on `/asyncapi.json`. Needs ObservabilityModule (HealthRegistry,
 * MetricsRegistry, PINO_LOGGER) imported by the app, so one app can host the gateway beside services.
 */
@Module({})
export class GatewayModule {
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          inject: [HealthRegistry, MetricsRegistry, PINO_LOGGER],
          useFactory: (health: HealthRegistry, metrics: MetricsRegistry, logger: Logger) =>
            gatewayDriverConfig(settings, { health, metrics, logger: logger.child({ component: 'gateway' }) }),
        }),
      ],
      controllers: [AsyncApiController],
      providers: [
        {
          provide: HttpForwarder,
          inject: [MetricsRegistry, PINO_LOGGER],
          useFactory: (metrics: MetricsRegistry, logger: Logger) =>
            new HttpForwarder(settings.forwards ?? [], {
              timeoutMs: settings.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS,
              hooks: { onStateChange: breakerStateMetric(metrics) },
              logger: logger.child({ component: 'forwarder' }),
            }),
        },
      ],
      exports: [HttpForwarder],
    };
  }
}
