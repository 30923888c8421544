import { incidentTopic } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually, testPeers } from '@itsm/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { peerServiceEnv, startApp, waitUntilReady } from './test-fixtures/app-process';

/** One span as an OTLP/HTTP JSON export carries it (ids in hex), with its process's service.name. */
interface ExportedSpan {
  readonly service: string;
  readonly scope: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number | boolean | undefined>>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { scope?: { name?: string }; spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: OtlpAttribute[] }[] }[];
  }[];
}

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? (value.intValue === undefined ? value.boolValue : Number(value.intValue))]));

/** An OTLP/HTTP trace receiver (the `http/json` protocol), as a collector would run it. */
function otlpReceiver(): { server: Server; spans: ExportedSpan[] } {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name']);
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ service, scope: scope.scope?.name ?? '', traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name, attributes: attributesOf(span.attributes) });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return { server, spans };
}

/**
 * The acceptance test of tracing: the built gateway, incident and SLA services as separate processes
 * on the Kafka and MongoDB peers, configured only by the standard OTEL_* variables to export to an
 * OTLP/HTTP receiver this test runs. One mutation through the gateway must make ONE trace: the
 * gateway's request, the incident subgraph's HTTP, GraphQL and MongoDB spans, the outbox relay's
 * span (published later, from another async context), the Kafka send and the SLA consumer's
 * processing with its own MongoDB work, each the child of the hop before.
 */
describe('tracing across gateway, incident, outbox relay, Kafka and SLA', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-trace-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const receiver = otlpReceiver();
  const apps: AppProcess[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    const otlpPort = await freePort();
    await new Promise<void>((resolve) => receiver.server.listen(otlpPort, '127.0.0.1', resolve));
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' };
    const dbPrefix = `e2etrace${randomUUID().slice(0, 8)}`;
    const service = (port: number, clientId: string) => ({ ...auth, ...otel, ...peerServiceEnv(peers, { port, clientId, dbPrefix }) });
    const [incidentPort, slaPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const incident = startApp('apps/incident/src/main.js', service(incidentPort, 'e2e-trace-incident'));
    const sla = startApp('apps/sla/src/main.js', service(slaPort, 'e2e-trace-sla'));
    const gateway = startApp('apps/gateway/src/main.js', {
      ...auth,
      ...otel,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(gatewayPort),
      GATEWAY_SUBGRAPHS: `incident=http://127.0.0.1:${incidentPort}/graphql`,
    });
    apps.push(incident, sla, gateway);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    await Promise.all([
      waitUntilReady(`http://127.0.0.1:${incidentPort}/health/ready`, incident),
      waitUntilReady(`http://127.0.0.1:${slaPort}/health/ready`, sla),
      waitUntilReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway),
    ]);
  });

  afterAll(async () => {
    const exits = await Promise.all(apps.map((app) => app.stop()));
    await new Promise((resolve) => receiver.server.close(resolve));
    rmSync(keyDir, { recursive: true, force: true });
    expect(exits).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM']);
  });

  it('finds one trace id across gateway, incident, relay, Kafka and SLA spans', async () => {
    const agent = await issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub: 'u-trace-agent', name: 'u-trace-agent', roles: ['agent'] }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });
    // The client starts the trace (as a portal with tracing would): every span below must carry its id.
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ query: 'mutation { openIncident(input: { title: "Traced outage", impact: 2, urgency: 2 }) { id } }' }),
    });
    const answer = (await response.json()) as { data?: { openIncident: { id: string } }; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    const incidentId = answer.data!.openIncident.id;

    const topic = incidentTopic.name;
    const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const one = (service: string, predicate: (span: ExportedSpan) => boolean, what: string): ExportedSpan => {
      const found = inTrace().find((span) => span.service === service && predicate(span));
      if (!found) throw new Error(`no ${service} span for ${what} in trace ${traceId}; spans there: ${inTrace().map((span) => `${span.service}:${span.name}`).join(', ')}`);
      return found;
    };
    const spans = await expectEventually(
      () => {
        const process = one('sla', (span) => span.name === `process ${topic}` && span.attributes['cloudevents.event_subject'] === incidentId, 'the consumed incident event');
        return {
          gatewayRequest: one('gateway', (span) => span.name === 'gateway.request', 'Apollo gateway request'),
          gatewayFetch: one('gateway', (span) => span.name === 'gateway.fetch', 'the subgraph fetch'),
          incidentHttp: one('incident', (span) => span.scope === '@opentelemetry/instrumentation-http' && span.name.startsWith('POST'), 'the subgraph HTTP request'),
          incidentGraphql: one('incident', (span) => span.scope === '@opentelemetry/instrumentation-graphql', 'GraphQL execution'),
          incidentMongo: one('incident', (span) => span.scope === '@opentelemetry/instrumentation-mongodb', 'the MongoDB write'),
          relay: one('incident', (span) => span.name === `outbox relay ${topic}` && span.attributes['cloudevents.event_subject'] === incidentId, 'the outbox relay'),
          send: one('incident', (span) => span.name === `send ${topic}` && span.attributes['messaging.system'] === 'kafka', 'the Kafka send'),
          process,
          slaMongo: one('sla', (span) => span.scope === '@opentelemetry/instrumentation-mongodb', 'the SLA engine\'s MongoDB work'),
        };
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

    // Each hop is the child of the one before: HTTP into the subgraph, the relay of the request, Kafka.
    const byId = new Map(inTrace().map((span) => [span.spanId, span]));
    const ancestors = (span: ExportedSpan): ExportedSpan[] => {
      const chain: ExportedSpan[] = [];
      for (let parent = byId.get(span.parentSpanId); parent !== undefined; parent = byId.get(parent.parentSpanId)) chain.push(parent);
      return chain;
    };
    expect(spans.incidentHttp.parentSpanId).toBe(spans.gatewayFetch.spanId);
    expect(ancestors(spans.gatewayFetch)).toContain(spans.gatewayRequest);
    expect(ancestors(spans.incidentMongo)).toContain(spans.incidentHttp);
    expect(ancestors(spans.relay)).toContain(spans.incidentHttp);
    expect(spans.send.parentSpanId).toBe(spans.relay.spanId);
    expect(spans.process.parentSpanId).toBe(spans.send.spanId);
    expect(spans.process.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.consumer.group.name': 'sla-service', 'itsm.event.outcome': 'handled' });
    expect(ancestors(spans.slaMongo)).toContain(spans.process);
    // Probes are not traced: no trace holds a health check.
    expect(receiver.spans.some((span) => String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '').startsWith('/health'))).toBe(false);
  });
});
