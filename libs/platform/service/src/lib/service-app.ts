import { createLogger, PinoNestLogger, runAsService, ServiceNestLogger } from '@itsm/platform/observability';
import type { LogLevel } from '@itsm/platform/observability';
import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream, Logger } from 'pino';

export interface ServiceAppOptions {
  /** The `name` of every log line the app writes. */
  readonly name: string;
  readonly logLevel: LogLevel;
  /** Defaults to stdout. */
  readonly logDestination?: DestinationStream;
}

/** A Nest app and the loggers its lines go to. */
export interface ServiceApp {
  readonly app: INestApplication;
  readonly logger: Logger;
  /** Runs work (closing the app, loading demo data) as this service's, so Nest's lines carry its name. */
  asService<R>(fn: () => R): R;
}

/**
 * Creates a Nest app whose lines, also Nest's own, are written by its service's pino logger: the
 * app is built and started inside `runAsService`, so its requests, timers and consumers stay this
 * service's work even when several apps share the process (the all-in-one), where Nest's static
 * Logger would otherwise name every line after the app that called `useLogger` last.
 */
export async function createServiceApp(
  options: ServiceAppOptions,
  module: (logger: Logger) => DynamicModule,
  start: (app: INestApplication, nestLogger: LoggerService) => Promise<void>,
): Promise<ServiceApp> {
  const logger = createLogger({ name: options.name, level: options.logLevel, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const nestLogger = new PinoNestLogger(logger);
  const asService = <R>(fn: () => R): R => runAsService(nestLogger, fn);
  return asService(async () => {
    const app = await NestFactory.create(module(logger), { bufferLogs: true });
    app.useLogger(new ServiceNestLogger(nestLogger));
    await start(app, nestLogger);
    return { app, logger, asService };
  });
}
