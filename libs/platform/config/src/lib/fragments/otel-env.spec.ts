import { ConfigError } from '../config.errors';
import { loadConfig } from '../load-config';
import { OtelEnv, toTracingSettings } from './otel-env';

const settings = (env: Record<string, string>) => toTracingSettings(loadConfig(OtelEnv, env), 'incident');

function problems(env: Record<string, string>): string[] {
  try {
    settings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.message);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('OtelEnv / toTracingSettings', () => {
  it('is off when neither an exporter nor an OTLP endpoint is set', () => {
    expect(settings({})).toEqual({ enabled: false, reason: 'no OTLP endpoint or OTEL_TRACES_EXPORTER set' });
  });

  it('exports over OTLP when an endpoint is set, named after the process unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ enabled: true, serviceName: 'incident', exporters: ['otlp'] });
    expect(settings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces', OTEL_SERVICE_NAME: 'incident-eu' })).toMatchObject({ enabled: true, serviceName: 'incident-eu' });
    expect(settings({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: true, serviceName: 'incident', exporters: ['console'] });
  });

  it('is off when told so, whatever else is set', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toMatchObject({ enabled: false });
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toEqual({ enabled: false, reason: 'OTEL_SDK_DISABLED=true' });
  });

  it('names every malformed variable at once, never echoing the headers (they carry API keys)', () => {
    const found = problems({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '1.5',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key secret-value',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_LOG_LEVEL: 'chatty',
    });
    expect(found).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (got "collector:4318")',
      'OTEL_EXPORTER_OTLP_PROTOCOL must be one of http/protobuf, http/json, grpc (got "http/xml")',
      'OTEL_EXPORTER_OTLP_HEADERS must be a comma-separated list of key=value',
      'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio (got "sometimes")',
      'OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1 (got "1.5")',
      'OTEL_METRICS_EXPORTER must be none or unset (metrics are scraped from /metrics) (got "otlp")',
      'OTEL_LOG_LEVEL must be one of NONE, ERROR, WARN, INFO, DEBUG, VERBOSE, ALL (got "chatty")',
    ]);
    expect(problems({ OTEL_TRACES_EXPORTER: 'otlp,none' })).toEqual(['OTEL_TRACES_EXPORTER must be none alone or a list of otlp, console, zipkin (got "otlp,none")']);
    expect(problems({ OTEL_TRACES_EXPORTER: 'jaeger' })[0]).toMatch(/^OTEL_TRACES_EXPORTER must be a comma-separated list of one of otlp, console, zipkin, none/);
  });

  it('accepts the standard values', () => {
    const env = loadConfig(OtelEnv, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc, tenant=itsm',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.namespace=itsm',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_PROPAGATORS: 'tracecontext,baggage',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_LOG_LEVEL: 'warn',
    });
    expect(env).toMatchObject({ OTEL_TRACES_SAMPLER_ARG: 0.25, OTEL_PROPAGATORS: ['tracecontext', 'baggage'], OTEL_BSP_SCHEDULE_DELAY: 1000, OTEL_SDK_DISABLED: false });
  });
});
