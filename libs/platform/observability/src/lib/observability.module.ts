import { Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule } from '@nestjs/common';
import { CorrelationMiddleware } from './correlation.middleware';
import type { DestinationStream, Logger } from 'pino';
import { HealthRegistry } from './health-registry';
import { createLogger } from './logger';
import type { LogLevel } from './logger';
import { MetricsRegistry } from './metrics-registry';
import { ObservabilityController } from './observability.controller';
import { PINO_LOGGER } from './observability.tokens';
import { PinoNestLogger } from './pino-nest-logger';

export interface ObservabilityModuleOptions {
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  /** Defaults to true. */
  readonly collectDefaultMetrics?: boolean;
  readonly readinessCheckTimeoutMs?: number;
  /** Defaults to stdout. */
  readonly logDestination?: DestinationStream;
  /** The service's logger when the caller already made it (the service kit does, to route Nest's lines). */
  readonly logger?: Logger;
}

/**
 * Logging, metrics and health for one process, with `GET /health/live`, `GET /health/ready` and
 * `GET /metrics`. Boot with `NestFactory.create(AppModule, { bufferLogs: true })`, then
 * `app.useLogger(app.get(PinoNestLogger))` so Nest's own lines are JSON too.
 */
@Module({})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }

  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [ObservabilityController],
      providers: [
        {
          provide: PINO_LOGGER,
          useFactory: () =>
            options.logger ?? createLogger({ name: options.serviceName, level: options.logLevel, destination: options.logDestination }),
        },
        { provide: PinoNestLogger, useFactory: (logger: Logger) => new PinoNestLogger(logger), inject: [PINO_LOGGER] },
        {
          provide: MetricsRegistry,
          useFactory: () =>
            new MetricsRegistry({
              collectDefaultMetrics: options.collectDefaultMetrics ?? true,
              defaultLabels: { service: options.serviceName },
            }),
        },
        { provide: HealthRegistry, useFactory: () => new HealthRegistry(options.readinessCheckTimeoutMs) },
      ],
      exports: [PINO_LOGGER, PinoNestLogger, MetricsRegistry, HealthRegistry],
    };
  }
}
