import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ConfigError } from '../config.errors';
import { CommaList, Secret } from '../env-schema';

const URL = { pattern: '^https?://[^\\s/?#]+', expected: 'an http:// or https:// URL' };
const KEY_VALUES = { pattern: '^\\s*[^=,\\s]+\\s*=[^,]*(,\\s*[^=,\\s]+\\s*=[^,]*)*$', expected: 'a comma-separated list of key=value' };
const PROTOCOL = Type.Union([Type.Literal('http/protobuf'), Type.Literal('http/json'), Type.Literal('grpc')]);
const COMPRESSION = Type.Union([Type.Literal('gzip'), Type.Literal('none')]);
const DIAG_LEVELS = ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'VERBOSE', 'ALL'];

/** The trace exporters the OpenTelemetry Node SDK builds from OTEL_TRACES_EXPORTER. */
export type TraceExporterName = 'otlp' | 'console' | 'zipkin' | 'none';

/**
 * The standard OpenTelemetry SDK variables (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/)
 * that the platform's processes honour, validated so a typo stops the process (exit 78) instead of
 * the SDK silently falling back to a default. The SDK itself reads them; this only checks them and
 * decides whether tracing runs at all (`toTracingSettings`).
 */
export const OtelEnv = Type.Object({
  OTEL_SDK_DISABLED: Type.Boolean({ default: false }),
  /** Defaults to the process's own name (the context, `gateway` or `platform`). */
  OTEL_SERVICE_NAME: Type.Optional(Type.String({ minLength: 1 })),
  OTEL_RESOURCE_ATTRIBUTES: Type.Optional(Type.String(KEY_VALUES)),
  /** Unset: `otlp` when an OTLP endpoint is set, else tracing is off. */
  OTEL_TRACES_EXPORTER: Type.Optional(
    CommaList(Type.Union([Type.Literal('otlp'), Type.Literal('console'), Type.Literal('zipkin'), Type.Literal('none')])),
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String(URL)),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Type.Optional(Type.String(URL)),
  OTEL_EXPORTER_OTLP_PROTOCOL: Type.Optional(PROTOCOL),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: Type.Optional(PROTOCOL),
  /** Often an API key of the tracing backend. */
  OTEL_EXPORTER_OTLP_HEADERS: Type.Optional(Secret(Type.String(KEY_VALUES))),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: Type.Optional(Secret(Type.String(KEY_VALUES))),
  OTEL_EXPORTER_OTLP_TIMEOUT: Type.Optional(Type.Integer({ minimum: 1 })),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: Type.Optional(Type.Integer({ minimum: 1 })),
  OTEL_EXPORTER_OTLP_COMPRESSION: Type.Optional(COMPRESSION),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: Type.Optional(COMPRESSION),
  OTEL_TRACES_SAMPLER: Type.Optional(
    Type.Union([
      Type.Literal('always_on'),
      Type.Literal('always_off'),
      Type.Literal('traceidratio'),
      Type.Literal('parentbased_always_on'),
      Type.Literal('parentbased_always_off'),
      Type.Literal('parentbased_traceidratio'),
    ]),
  ),
  OTEL_TRACES_SAMPLER_ARG: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  OTEL_PROPAGATORS: Type.Optional(
    CommaList(Type.Union([Type.Literal('tracecontext'), Type.Literal('baggage'), Type.Literal('b3'), Type.Literal('b3multi'), Type.Literal('none')])),
  ),
  OTEL_BSP_SCHEDULE_DELAY: Type.Optional(Type.Integer({ minimum: 0 })),
  OTEL_BSP_EXPORT_TIMEOUT: Type.Optional(Type.Integer({ minimum: 0 })),
  OTEL_BSP_MAX_QUEUE_SIZE: Type.Optional(Type.Integer({ minimum: 1 })),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Metrics are Prometheus' (`/metrics`) and logs are JSON lines on stdout: the SDK exports traces only. */
  OTEL_METRICS_EXPORTER: Type.Optional(Type.Literal('none', { expected: 'none or unset (metrics are scraped from /metrics)' })),
  OTEL_LOGS_EXPORTER: Type.Optional(Type.Literal('none', { expected: 'none or unset (logs are JSON lines on stdout)' })),
  /** The SDK's own diagnostics, on stderr. */
  OTEL_LOG_LEVEL: Type.Optional(
    Type.String({ pattern: `^(${DIAG_LEVELS.join('|')}|${DIAG_LEVELS.join('|').toLowerCase()})$`, expected: `one of ${DIAG_LEVELS.join(', ')}` }),
  ),
});
export type OtelEnv = Static<typeof OtelEnv>;

/** Whether this process records traces, and for which service. */
export type TracingSettings =
  | { readonly enabled: false; readonly reason: string }
  | { readonly enabled: true; readonly serviceName: string; readonly exporters: readonly Exclude<TraceExporterName, 'none'>[] };

/**
 * Tracing is on when OTEL_TRACES_EXPORTER names an exporter, or when it is unset and an OTLP endpoint
 * is (the spec's default exporter is OTLP, but a process given no endpoint exports nothing: off, at no
 * cost, rather than retrying localhost:4318). OTEL_SDK_DISABLED=true wins.
 */
export function toTracingSettings(env: OtelEnv, defaultServiceName: string): TracingSettings {
  const exporters = env.OTEL_TRACES_EXPORTER;
  if (exporters !== undefined && exporters.includes('none') && exporters.length > 1) {
    throw new ConfigError([{ variable: 'OTEL_TRACES_EXPORTER', message: `OTEL_TRACES_EXPORTER must be none alone or a list of otlp, console, zipkin (got ${JSON.stringify(exporters.join(','))})` }]);
  }
  if (env.OTEL_SDK_DISABLED) return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const chosen = exporters ?? (endpoint === undefined ? [] : ['otlp' as const]);
  const active = [...new Set(chosen)].filter((name): name is Exclude<TraceExporterName, 'none'> => name !== 'none');
  if (active.length === 0) return { enabled: false, reason: exporters === undefined ? 'no OTLP endpoint or OTEL_TRACES_EXPORTER set' : 'OTEL_TRACES_EXPORTER=none' };
  return { enabled: true, serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName, exporters: active };
}
