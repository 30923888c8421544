import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import type { LogLevel } from './logger';

const STACK = /^.+\n\s+at .+:\d+:\d+/;
const isStack = (value: unknown): value is string => typeof value === 'string' && STACK.test(value);

/**
 * Nest's LoggerService over pino, for `app.useLogger(...)`. Follows Nest's calling convention:
 * `log(message, context?)`, `error(message, stack?, context?)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = params.filter((p) => p !== undefined);
    const fields: Record<string, unknown> = {};
    const last = rest.at(-1);
    if (typeof last === 'string' && !isStack(last)) fields['context'] = rest.pop();
    const stack = rest.find(isStack);
    if (stack !== undefined) fields['stack'] = stack;
    const extra = rest.filter((p) => p !== stack);
    if (extra.length > 0) fields['params'] = extra;

    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
