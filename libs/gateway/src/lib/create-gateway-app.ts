import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ObservabilityModule } from '@itsm/platform/observability';
import type { LogLevel } from '@itsm/platform/observability';
import { createServiceApp } from '@itsm/platform/service';
import type { DestinationStream, Logger } from 'pino';
import { GRAPHQL_PATH } from './federation-gateway';
import type { FederationGateway } from './federation-gateway';
import { FEDERATION_GATEWAY, GatewayModule } from './gateway.module';
import { HttpForwarder } from './http-forwarder';
import type { GatewaySettings } from './gateway-env';

/** The gateway's port in microservices mode (PORT overrides it). */
export const GATEWAY_DEFAULT_PORT = 4000;

export interface GatewayHttpOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Defaults to 0.0.0.0. */
  readonly host?: string;
  readonly logLevel: LogLevel;
  /** Defaults to stdout. */
  readonly logDestination?: DestinationStream;
  /** Defaults to true; a process hosting several apps (the all-in-one) handles signals itself. */
  readonly shutdownHooks?: boolean;
  /** Routes the hosting process serves on the gateway's port before the gateway's own (the all-in-one's portal). */
  readonly mount?: (app: INestApplication) => void;
}

@Module({})
export class GatewayAppModule {
  static forRoot(settings: GatewaySettings, http: GatewayHttpOptions, logger?: Logger): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'gateway', logLevel: http.logLevel, logDestination: http.logDestination, ...(logger ? { logger } : {}) }),
        GatewayModule.forRoot(settings),
      ],
    };
  }
}

/**
 * The gateway as its own Nest app (JSON logs under its own name, also in the all-in-one process;
 * /health, /metrics; the forwarded routes of `settings.forwards`), listening; close it with `app.close()`.
 */
export async function createGatewayApp(settings: GatewaySettings, http: GatewayHttpOptions): Promise<INestApplication> {
  const { app } = await createServiceApp(
    {
      name: 'gateway',
      logLevel: http.logLevel,
      ...(http.logDestination ? { logDestination: http.logDestination } : {}),
      // Forwarded bodies stream through unread.
      ownBodyPrefixes: (settings.forwards ?? []).map((forward) => forward.prefix),
    },
    (logger) => GatewayAppModule.forRoot(settings, http, logger),
    async (created) => {
      if (http.shutdownHooks ?? true) created.enableShutdownHooks();
      http.mount?.(created);
      const forwarder = created.get(HttpForwarder);
      if (forwarder.prefixes.length > 0) created.use(forwarder.handle);
      const gateway = created.get<symbol, FederationGateway>(FEDERATION_GATEWAY);
      created.use(GRAPHQL_PATH, gateway.handle);
      gateway.attach(created.getHttpServer());
      await created.listen(http.port, http.host ?? '0.0.0.0');
    },
  );
  return app;
}
