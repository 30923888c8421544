import { ConfigError } from '@itsm/platform/config';
import { Module } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { defineContext } from './context-declaration';
import { contextSettings, loadServiceEnv, microserviceRuntime } from './service-env';

@Module({})
class FakeModule {}

const TicketEnv = Type.Object({
  TICKET_LIMIT: Type.Integer({ minimum: 1, default: 10 }),
  TICKET_DEMO: Type.Boolean({ default: false }),
});

const ticketContext = defineContext({
  name: 'ticket',
  defaultPort: 4200,
  env: TicketEnv,
  topics: { owns: [], consumes: [] },
  consumerGroup: 'ticket-service',
  subgraph: { module: FakeModule, schema: FakeModule },
  settings: (env, host) => ({ limit: env.TICKET_LIMIT, instance: host.hostname }),
  module: () => ({ module: FakeModule }),
  demo: { stage: 'beforeConsumers', enabled: (env) => env.TICKET_DEMO, seed: () => Promise.resolve(undefined) },
});

const MICROSERVICE = { KAFKA_BROKERS: 'kafka:9092', MONGO_URL: 'mongodb://mongo:27017/?replicaSet=rs0', AUTH_DEV_KEY_FILE: '/run/key.json' };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.message);
    throw error;
  }
}

describe('a context process environment', () => {
  it('reads the kit fragments with the declared default port, and the context fragment', () => {
    const env = loadServiceEnv(ticketContext, { ...MICROSERVICE, TICKET_LIMIT: '25' });
    expect(env).toMatchObject({ PORT: 4200, LOG_LEVEL: 'info', NODE_ENV: 'development', KAFKA_BROKERS: ['kafka:9092'], MONGO_DB_PREFIX: 'itsm', TICKET_LIMIT: 25, TICKET_DEMO: false });
    expect(loadServiceEnv(ticketContext, { ...MICROSERVICE, PORT: '9000' }).PORT).toBe(9000);
  });

  it("reports the kit's and the context's problems together", () => {
    expect(problemsOf(() => loadServiceEnv(ticketContext, { ...MICROSERVICE, PORT: 'x', TICKET_LIMIT: '0' }))).toEqual([
      expect.stringContaining('PORT'),
      expect.stringContaining('TICKET_LIMIT'),
    ]);
  });

  it('maps to the runtime every context gets in microservices mode', () => {
    const runtime = microserviceRuntime(loadServiceEnv(ticketContext, { ...MICROSERVICE, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGO_DB_PREFIX: 'p1', KAFKA_SESSION_TIMEOUT_MS: '9000' }));
    expect(runtime).toEqual({
      nodeEnv: 'test',
      logLevel: 'warn',
      mongo: { url: MICROSERVICE.MONGO_URL, dbPrefix: 'p1' },
      auth: expect.objectContaining({ source: { kind: 'dev-key', file: '/run/key.json' } }),
      kafka: expect.objectContaining({ brokers: ['kafka:9092'], clientId: 'itsm', idempotent: true }),
      consumer: { sessionTimeoutMs: 9000, heartbeatIntervalMs: 3000 },
    });
  });

  it("maps the context's settings with the host, and its demo switch", () => {
    const env = loadServiceEnv(ticketContext, { ...MICROSERVICE, TICKET_DEMO: 'true' });
    expect(contextSettings(ticketContext, env, { hostname: 'pod-1' })).toEqual({ settings: { limit: 10, instance: 'pod-1' }, demo: true });
    expect(contextSettings(ticketContext, loadServiceEnv(ticketContext, MICROSERVICE), { hostname: 'pod-1' }).demo).toBe(false);
  });
});
