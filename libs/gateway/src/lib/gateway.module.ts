import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { breakerStateMetric, HealthRegistry, MetricsRegistry, PINO_LOGGER } from '@itsm/platform/observability';
import type { Logger } from 'pino';
import { AsyncApiController } from './asyncapi.controller';
import { createFederationGateway } from './federation-gateway';
import type { GatewaySettings } from './gateway-env';
import { DEFAULT_FORWARD_TIMEOUT_MS, HttpForwarder } from './http-forwarder';

/** The Nest token of the app's FederationGateway (createGatewayApp mounts its handler on `/graphql`). */
export const FEDERATION_GATEWAY = Symbol('FederationGateway');

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
      controllers: [AsyncApiController],
      providers: [
        {
          provide: FEDERATION_GATEWAY,
          inject: [HealthRegistry, MetricsRegistry, PINO_LOGGER],
          useFactory: async (health: HealthRegistry, metrics: MetricsRegistry, logger: Logger) => {
            const gateway = createFederationGateway(settings, { health, metrics, logger: logger.child({ component: 'gateway' }) });
            await gateway.start();
            return Object.assign(gateway, { onModuleDestroy: () => gateway.close() });
          },
        },
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
      exports: [HttpForwarder, FEDERATION_GATEWAY],
    };
  }
}
