import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ObservabilityModule, PinoNestLogger } from '@itsm/platform/observability';
import type { LogLevel } from '@itsm/platform/observability';
import type { DestinationStream } from 'pino';
import { GatewayModule } from './gateway.module';
import type { GatewaySettings } from './gateway-env';

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
}

@Module({})
export class GatewayAppModule {
  static forRoot(settings: GatewaySettings, http: GatewayHttpOptions): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'gateway', logLevel: http.logLevel, logDestination: http.logDestination }),
        GatewayModule.forRoot(settings),
      ],
    };
  }
}

/** The gateway as its own Nest app (JSON logs, /health, /metrics), listening; close it with `app.close()`. */
export async function createGatewayApp(settings: GatewaySettings, http: GatewayHttpOptions): Promise<INestApplication> {
  const app = await NestFactory.create(GatewayAppModule.forRoot(settings, http), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  if (http.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.listen(http.port, http.host ?? '0.0.0.0');
  return app;
}
