import { decodeEnvelope, directoryTopic, encodeEnvelope, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { DirectoryFeed, expectEventually, scimRequest, testPeers } from '@itsm/testing';
import type { ScimAnswer } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { startApp, waitUntilReady } from './test-fixtures/app-process';

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
type GraphqlAnswer = Answer<Record<string, { id: string; number: string; state: string; reopenCount: number } | null>>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * End to end in microservices mode: the incident service, the people directory and the gateway as
 * separate OS processes (the built apps, as production runs them) on the Kafka and MongoDB peers,
 * driven through GraphQL and the directory's SCIM endpoint.
 */
describe('microservices mode: incident service + directory + gateway on Kafka and MongoDB', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const apps: AppProcess[] = [];
  let gatewayUrl: string;
  let scimUrl: string;
  let consumer: Consumer | undefined;
  const token = (sub: string, roles: ('agent' | 'admin')[]) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });

  async function graphql<T>(bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Answer<T>;
  }
  const call = (bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => graphql(bearer, query, variables);

  /** A SCIM request to the directory service as an identity provider sends it. */
  const scim = (bearer: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> => scimRequest(scimUrl, bearer, method, path, body, headers);

  beforeAll(async () => {
    const [incidentPort, directoryPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const dbPrefix = `e2e${randomUUID().slice(0, 8)}`;
    const service = (name: string, port: number) =>
      startApp(`apps/${name}/src/main.js`, {
        ...auth,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        KAFKA_BROKERS: peers.kafkaBrokers.join(','),
        KAFKA_CLIENT_ID: `e2e-${name}`,
        KAFKA_IDEMPOTENT: 'false',
        MONGO_URL: peers.mongoUrl,
        MONGO_DB_PREFIX: dbPrefix,
      });
    const incident = service('incident', incidentPort);
    const directory = service('directory', directoryPort);
    apps.push(incident, directory);
    await waitUntilReady(`http://127.0.0.1:${incidentPort}/health/ready`, incident);
    await waitUntilReady(`http://127.0.0.1:${directoryPort}/health/ready`, directory);
    const gateway = startApp('apps/gateway/src/main.js', {
      ...auth,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(gatewayPort),
      GATEWAY_SUBGRAPHS: `incident=http://127.0.0.1:${incidentPort}/graphql,directory=http://127.0.0.1:${directoryPort}/graphql`,
    });
    apps.push(gateway);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    scimUrl = `http://127.0.0.1:${directoryPort}/scim/v2`;
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    const exits = await Promise.all(apps.map((app) => app.stop()));
    rmSync(keyDir, { recursive: true, force: true });
    // All closed within the grace period (Nest re-raises the signal after closing the app); a hang would end in SIGKILL.
    expect(exits).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM']);
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
    await expectEventually(async () => expect((await call(admin, '{ assignmentGroups { id memberIds } }')).data?.['assignmentGroups']).toEqual([{ id: 'service-desk', memberIds: ['u-e2e-agent'] }]), { timeoutMs: 60_000, intervalMs: 250 });

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

  it('provisions as Entra ID and Okta do over SCIM; the incident projection follows by events: assignable, then deactivated, then removed', async () => {
    const admin = await token('u-admin', ['admin']);
    const agent = await token('u-e2e-agent', ['agent']);
    const suffix = randomUUID().slice(0, 8);
    const userName = (who: string) => `${who}.${suffix}@contoso.example`;
    // The admin issues each identity provider's token through the gateway (answered once, stored hashed).
    const issue = async (name: string) => {
      const issued = await graphql<{ issueProvisioningToken: { token: string } }>(admin, 'mutation($name: String!) { issueProvisioningToken(name: $name) { token } }', { name });
      expect(issued.errors).toBeUndefined();
      return issued.data!.issueProvisioningToken.token;
    };
    const entra = await issue('Entra ID');

    // Entra ID: the look-up before a create, the create, the look-up again (case-insensitive).
    const lookUp = (who: string) => scim(entra, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName(who).toUpperCase()}"`)}`);
    expect((await lookUp('ada')).body).toMatchObject({ totalResults: 0 });
    const create = (who: string) =>
      scim(entra, 'POST', '/Users', { schemas: [USER], externalId: `entra-${who}-${suffix}`, userName: userName(who), active: true, displayName: who, emails: [{ primary: true, type: 'work', value: userName(who) }] });
    const [ada, ben] = [await create('ada'), await create('ben')];
    expect([ada.status, ben.status]).toEqual([201, 201]);
    const [adaId, benId] = [ada.body.id!, ben.body.id!];
    expect((await lookUp('ada')).body).toMatchObject({ totalResults: 1, Resources: [{ id: adaId }] });

    // A group (kind assignment) with Ada; Ben added by PATCH under If-Match (a stale version: 412, nothing written).
    const group = await scim(entra, 'POST', '/Groups', { schemas: [GROUP], displayName: `Desk ${suffix}`, members: [{ value: adaId }] });
    expect(group.status).toBe(201);
    const groupId = group.body.id!;
    const addBen = { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: benId }] }] };
    expect((await scim(entra, 'PATCH', `/Groups/${groupId}`, addBen, { 'if-match': 'W/"9"' })).status).toBe(412);
    expect((await scim(entra, 'PATCH', `/Groups/${groupId}`, addBen, { 'if-match': group.etag! })).status).toBe(204);

    // The incident context learns it from itsm.directory.v1: its group's (active) members, and who may be assigned.
    const members = async () => {
      const answer = await graphql<{ assignmentGroups: { id: string; memberIds: string[] }[] }>(admin, '{ assignmentGroups { id memberIds } }');
      // The answer itself when the group is not (yet) there: a failure then shows what the projection holds.
      return answer.data?.assignmentGroups.find((g) => g.id === groupId)?.memberIds.slice().sort() ?? answer;
    };
    const assign = async (who: string) => {
      const opened = await graphql<{ openIncident: { id: string } }>(agent, 'mutation { openIncident(input: { title: "Provisioned assignee", impact: 3, urgency: 3 }) { id } }');
      const assigned = await graphql<{ assignIncident: { state: string; assigneeId: string } }>(agent, 'mutation($i: AssignIncidentInput!) { assignIncident(input: $i) { state assigneeId } }', {
        i: { id: opened.data!.openIncident.id, groupId, assigneeId: userName(who) },
      });
      return { assigned: assigned.data?.assignIncident, code: assigned.errors?.[0]?.extensions?.code };
    };
    // A projection that does not follow: the services' own lines say why.
    const eventually = (assertion: () => Promise<void>) =>
      expectEventually(assertion, { timeoutMs: 60_000, intervalMs: 250 }).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${apps.map((app) => `--- ${app.child.spawnargs.at(-1) ?? ''} ---\n${app.output().slice(-3000)}`).join('\n')}`);
      });
    await eventually(async () => expect(await members()).toEqual([userName('ada'), userName('ben')]));
    expect(await assign('ben')).toEqual({ assigned: { state: 'in_progress', assigneeId: userName('ben') }, code: undefined });

    // (b) Entra deactivates Ben: "Replace" with the string "False".
    const deactivated = await scim(entra, 'PATCH', `/Users/${benId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect([deactivated.status, deactivated.body.active]).toEqual([200, false]);
    await eventually(async () => expect(await members()).toEqual([userName('ada')]));
    expect((await assign('ben')).code).toBe('INCIDENT.ASSIGNEE_INACTIVE');

    // (c) Entra removes Ada from the group.
    const removeAda = { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${adaId}"]` }] };
    expect((await scim(entra, 'PATCH', `/Groups/${groupId}`, removeAda)).status).toBe(204);
    await eventually(async () => expect(await members()).toEqual([]));
    expect((await assign('ada')).code).toBe('INCIDENT.ASSIGNEE_NOT_IN_GROUP');

    // Entra deletes Ben: gone for SCIM.
    expect((await scim(entra, 'DELETE', `/Users/${benId}`)).status).toBe(204);
    expect((await scim(entra, 'GET', `/Users/${benId}`)).status).toBe(404);

    // Okta: updates by PUT (If-Match), visible through the gateway as the person and as an incident's caller.
    const okta = await issue('Okta');
    const carol = { schemas: [USER], userName: userName('carol'), active: true, displayName: 'Carol', emails: [{ primary: true, type: 'work', value: userName('carol') }] };
    const created = await scim(okta, 'POST', '/Users', carol);
    expect(created.status).toBe(201);
    const replaced = await scim(okta, 'PUT', `/Users/${created.body.id!}`, { ...carol, id: created.body.id, displayName: 'Carol Danvers' }, { 'if-match': created.etag! });
    expect([replaced.status, replaced.etag]).toEqual([200, 'W/"2"']);
    expect((await graphql(admin, 'query($id: ID!) { person(id: $id) { displayName } }', { id: created.body.id })).data).toEqual({ person: { displayName: 'Carol Danvers' } });
    const opened = await graphql<{ openIncident: { caller: { displayName: string } | null } }>(
      agent,
      'mutation($caller: String!) { openIncident(input: { title: "Okta caller", impact: 3, urgency: 3, callerId: $caller }) { caller { displayName } } }',
      { caller: userName('carol') },
    );
    expect(opened).toEqual({ data: { openIncident: { caller: { displayName: 'Carol Danvers' } } } });
  });
});
