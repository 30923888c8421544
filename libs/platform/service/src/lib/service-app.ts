import { createLogger, PinoNestLogger, runAsService, ServiceNestLogger } from '@itsm/platform/observability';
import type { LogLevel } from '@itsm/platform/observability';
import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream, Logger } from 'pino';
import { useBodyParsersOutside } from './own-body-routes';

export interface ServiceAppOptions {
  /** The `name` of every log line the app writes. */
  readonly name: string;
  readonly logLevel: LogLevel;
  /** Defaults to stdout. */
  readonly logDestination?: DestinationStream;
  /** Path prefixes whose request bodies Nest's parsers leave unread (a context's own routes, the gateway's forwarded ones). */
  readonly ownBodyPrefixes?: readonly string[];
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
    const prefixes = options.ownBodyPrefixes ?? [];
    const app = await NestFactory.create<NestExpressApplication>(module(logger), { bufferLogs: true, bodyParser: prefixes.length === 0 });
    if (prefixes.length > 0) useBodyParsersOutside(app, prefixes);
    app.useLogger(new ServiceNestLogger(nestLogger));
    await start(app, nestLogger);
    return { app, logger, asService };
  });
}
