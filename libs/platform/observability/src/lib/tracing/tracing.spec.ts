import { startInMemoryTracing } from '@itsm/testing';
import { trace } from '@opentelemetry/api';
import { createLogger } from '../logger';
import { activeTraceparent, contextWithTraceparent, isTracing, traceparentOf } from './trace-context';
import { loadedTooEarly, shutdownTracing, startTracing } from './tracing';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { logger: createLogger({ name: 'incident', level: 'info', destination }), lines };
}

describe('starting tracing', () => {
  it('loads nothing and records nothing when the settings say off', async () => {
    const tracing = await startTracing({ enabled: false, reason: 'no OTLP endpoint or OTEL_TRACES_EXPORTER set' }, { loadedModules: () => { throw new Error('not consulted when off'); } });
    expect(tracing.enabled).toBe(false);
    await expect(shutdownTracing()).resolves.toBeUndefined();
    expect(activeTraceparent()).toBeUndefined();
  });

  it('refuses to start after an instrumented package was loaded (it would record no spans)', async () => {
    const loaded = ['/app/node_modules/@nestjs/graphql/dist/index.js', '/app/node_modules/mongodb/lib/index.js', '/app/node_modules/express/index.js', '/app/dist/libs/x.js'];
    expect(loadedTooEarly(loaded)).toEqual(['express', 'mongodb']);
    await expect(startTracing({ enabled: true, serviceName: 'incident', exporters: ['otlp'] }, { loadedModules: () => loaded })).rejects.toThrow(
      'tracing must start before express, mongodb are loaded',
    );
    expect(loadedTooEarly(['/app/node_modules/@apollo/gateway/node_modules/graphql/index.js'])).toEqual(['graphql']);
  });
});

describe('trace context in log lines and traceparents', () => {
  it('adds trace_id and span_id of the running span to each log line, nothing outside a span', async () => {
    expect(isTracing()).toBe(false);
    const tracing = await startInMemoryTracing();
    expect(isTracing()).toBe(true);
    try {
      const { logger, lines } = capturedLogger();
      const span = trace.getTracer('test').startActiveSpan('work', (active) => {
        logger.info('inside');
        active.end();
        return active.spanContext();
      });
      logger.info('outside');
      expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: span.traceId, span_id: span.spanId, trace_flags: '01' });
      expect(lines[1]).not.toHaveProperty('trace_id');
    } finally {
      await tracing.stop();
    }
    expect(isTracing()).toBe(false);
  });

  it('reads and writes W3C traceparents, ignoring malformed ones', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(traceparentOf(contextWithTraceparent(traceparent))).toBe(traceparent);
    expect(traceparentOf(contextWithTraceparent('00-not-a-trace-01'))).toBeUndefined();
    expect(traceparentOf(contextWithTraceparent(undefined))).toBeUndefined();
  });
});
