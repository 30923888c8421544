import { pino, stdTimeFunctions } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { correlationFields } from './correlation';
import { traceLogFields } from './tracing/trace-context';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface CreateLoggerOptions {
  readonly name: string;
  readonly level: LogLevel;
  /** Defaults to stdout; tests pass a stream they read. */
  readonly destination?: DestinationStream;
}

/** pino redaction paths: `*` matches one level only, so secrets nested deeper must be logged flatter. */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'password',
  'token',
  'authorization',
  '*.password',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** A JSON logger that adds the current correlation context and span (`trace_id`, `span_id`) to every line. */
export function createLogger({ name, level, destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...correlationFields(), ...traceLogFields() }),
    redact: { paths: [...REDACTED_LOG_PATHS], censor: '***' },
  };
  return destination ? pino(options, destination) : pino(options);
}
