import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { HealthRegistry } from './health-registry';
import { MetricsRegistry } from './metrics-registry';
import { ObservabilityModule } from './observability.module';
import { PINO_LOGGER } from './observability.tokens';
import { PinoNestLogger } from './pino-nest-logger';

describe('ObservabilityModule over HTTP', () => {
  let app: INestApplication;
  let base: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'incident',
          logLevel: 'info',
          collectDefaultMetrics: false,
          logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(PinoNestLogger));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('answers liveness', async () => {
    const response = await fetch(`${base}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness 200, then 503 naming the failing check', async () => {
    const health = app.get(HealthRegistry);
    let kafkaUp = true;
    const unregister = health.register({ name: 'kafka', check: () => kafkaUp });
    try {
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      kafkaUp = false;
      const response = await fetch(`${base}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', checks: [{ name: 'kafka', ok: false, error: 'not ready' }] });
    } finally {
      unregister();
    }
  });

  it('serves Prometheus text with its content type', async () => {
    app.get(MetricsRegistry).counter('incidents_opened_total', 'Incidents opened').inc();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    // Express re-orders the parameters when it adds the charset: same media type.
    expect(response.headers.get('content-type')?.split(/;\s*/).sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
    expect(await response.text()).toContain('incidents_opened_total{service="incident"} 1');
  });

  it('routes Nest and application logs through the JSON logger', () => {
    app.get<Logger>(PINO_LOGGER).info({ password: 'pw' }, 'hello');
    expect(lines).toContainEqual(expect.objectContaining({ name: 'incident', context: 'RoutesResolver' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'hello', password: '***' }));
  });
});
