import { decodeEnvelope, directoryTopic, encodeEnvelope, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { DirectoryFeed, expectEventually, testPeers } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { startApp, waitUntilReady } from './test-fixtures/app-process';

interface GraphqlAnswer {
  data?: Record<string, { id: string; number: string; state: string; reopenCount: number } | null>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * End to end in microservices mode: the incident service and the gateway as separate OS processes
 * (the built apps, as production runs them) on the Kafka and MongoDB peers, driven through GraphQL.
 */
describe('microservices mode: incident service + gateway on Kafka and MongoDB', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const apps: AppProcess[] = [];
  let gatewayUrl: string;
  let consumer: Consumer | undefined;
  const token = (sub: string, roles: ('agent' | 'admin')[]) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });

  async function call(bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> {
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphqlAnswer;
  }

  beforeAll(async () => {
    const [incidentPort, gatewayPort] = [await freePort(), await freePort()];
    const incident = startApp('apps/incident/src/main.js', {
      ...auth,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(incidentPort),
      KAFKA_BROKERS: peers.kafkaBrokers.join(','),
      KAFKA_CLIENT_ID: 'e2e-incident',
      KAFKA_IDEMPOTENT: 'false',
      MONGO_URL: peers.mongoUrl,
      MONGO_DB_PREFIX: `e2e${randomUUID().slice(0, 8)}`,
    });
    apps.push(incident);
    const gateway = startApp('apps/gateway/src/main.js', {
      ...auth,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(gatewayPort),
      GATEWAY_SUBGRAPHS: `incident=http://127.0.0.1:${incidentPort}/graphql`,
    });
    apps.push(gateway);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    await waitUntilReady(`http://127.0.0.1:${incidentPort}/health/ready`, incident);
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    const exits = await Promise.all(apps.map((app) => app.stop()));
    rmSync(keyDir, { recursive: true, force: true });
    // Both closed within the grace period (Nest re-raises the signal after closing the app); a hang would end in SIGKILL.
    expect(exits).toEqual(['SIGTERM', 'SIGTERM']);
  });

  it('open -> assign -> hold -> resume -> resolve -> reopen -> resolve -> close, each event on the topic in order', async () => {
    const admin = await token('u-admin', ['admin']);
    const agent = await token('u-e2e-agent', ['agent']);
    // The incident service follows the people directory: its organisation, group and member arrive as directory events on Kafka.
    const directory = new DirectoryFeed();
    const records = [
      directory.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      directory.person({ personId: 'p-e2e-agent', userName: 'u-e2e-agent', organisationId: 'contoso' }),
      directory.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
      directory.membersAdded('service-desk', ['p-e2e-agent']),
    ].map(encodeEnvelope);
    const producer = new Kafka({ clientId: 'e2e-directory', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic: directoryTopic.name, acks: -1, messages: records.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
    await producer.disconnect();
    await expectEventually(async () => expect((await call(admin, '{ assignmentGroups { id members } }')).data?.['assignmentGroups']).toEqual([{ id: 'service-desk', members: ['u-e2e-agent'] }]), { timeoutMs: 60_000, intervalMs: 250 });

    const FIELDS = '{ id number state reopenCount }';
    const opened = await call(agent, `mutation { openIncident(input: { title: "Payroll export fails", impact: 2, urgency: 1 }) ${FIELDS} }`);
    expect(opened.errors).toBeUndefined();
    const id = opened.data!['openIncident']!.id;
    const steps: [string, string, Record<string, unknown>, string][] = [
      ['assignIncident', 'AssignIncidentInput', { id, groupId: 'service-desk', assigneeId: 'u-e2e-agent' }, 'in_progress'],
      ['holdIncident', 'HoldIncidentInput', { id, reason: 'awaiting_vendor' }, 'on_hold'],
      ['resumeIncident', 'ID', { id }, 'in_progress'],
      ['resolveIncident', 'ResolveIncidentInput', { id, code: 'config-fix', notes: 'Export path corrected' }, 'resolved'],
      ['reopenIncident', 'ReasonInput', { id, reason: 'Fails again for the night run' }, 'in_progress'],
      ['resolveIncident', 'ResolveIncidentInput', { id, code: 'config-fix', notes: 'Night job updated too' }, 'resolved'],
      ['closeIncident', 'ID', { id }, 'closed'],
    ];
    for (const [field, type, input, state] of steps) {
      const answer = type === 'ID' ? await call(agent, `mutation($id: ID!) { ${field}(id: $id) ${FIELDS} }`, { id }) : await call(agent, `mutation($i: ${type}!) { ${field}(input: $i) ${FIELDS} }`, { i: input });
      expect(answer.errors).toBeUndefined();
      expect(answer.data![field]!.state).toBe(state);
    }

    const seen: EventEnvelope[] = [];
    const kafka = new Kafka({ clientId: 'e2e-reader', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `e2e-reader-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topic: incidentTopic.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = decodeEnvelope({ key: message.key, value: message.value, headers: message.headers });
        if (envelope.subject === id) seen.push(envelope);
      },
    });
    const expected = ['opened', 'assigned', 'work-started', 'put-on-hold', 'resumed', 'resolved', 'reopened', 'resolved', 'closed'].map((verb) => `itsm.incident.${verb}.v1`);
    await expectEventually(() => expect(seen.map((event) => event.type)).toEqual(expected), { timeoutMs: 60_000, intervalMs: 200 });
    expect(seen.map((event) => event.sequence)).toEqual(expected.map((_, index) => index + 1));
    expect(seen.map((event) => (event.data as { state: string }).state)).toEqual(['new', 'new', 'in_progress', 'on_hold', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed']);
    // One correlation id per request: assigning an assignee to a new incident also starts work (two events, one request).
    expect(new Set(seen.map((event) => event.correlationid)).size).toBe(expected.length - 1);
  });
});
