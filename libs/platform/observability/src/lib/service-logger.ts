import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';

const serviceLoggers = new AsyncLocalStorage<LoggerService>();

/**
 * Runs `fn` (an app's start, a request, an event handler) as work of one service: Nest's own log
 * lines it causes go to that service's logger. Nest's `Logger` is process-wide (the last
 * `app.useLogger` wins), so in the all-in-one process every app would otherwise log under one name.
 */
export function runAsService<R>(logger: LoggerService, fn: () => R): R {
  return serviceLoggers.run(logger, fn);
}

/** The logger of the service whose work is running, if any. */
export function currentServiceLogger(): LoggerService | undefined {
  return serviceLoggers.getStore();
}

/**
 * Nest's LoggerService for `app.useLogger(...)`: writes each line with the logger of the service
 * whose work is running (see `runAsService`), else with `fallback` (its own service's logger).
 */
export class ServiceNestLogger implements LoggerService {
  constructor(private readonly fallback: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    this.target().log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.target().error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.target().warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.target().debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.target().verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.target().fatal?.(message, ...params);
  }

  private target(): LoggerService {
    return currentServiceLogger() ?? this.fallback;
  }
}
