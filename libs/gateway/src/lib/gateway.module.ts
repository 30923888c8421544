import { ApolloGatewayDriver } from '@nestjs/apollo';
import type { ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { HealthRegistry, MetricsRegistry, PINO_LOGGER } from '@itsm/platform/observability';
import type { Logger } from 'pino';
import { gatewayDriverConfig } from './gateway-driver-config';
import type { GatewaySettings } from './gateway-env';

/**
 * The federated GraphQL gateway on `/graphql`. Needs ObservabilityModule (HealthRegistry,
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
    };
  }
}
