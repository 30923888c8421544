import { changeTopic, cmdbTopic, decodeEnvelope, directoryTopic, encodeEnvelope, incidentTopic, requestSubject, requestTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { CmdbFeed, DirectoryFeed, expectEventually, scimRequest, SmtpSink, testPeers } from '@itsm/testing';
import type { ScimAnswer } from '@itsm/testing';
import { createClient } from 'graphql-ws';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AppProcess } from './test-fixtures/app-process';
import { peerServiceEnv, startApp, waitUntilReady } from './test-fixtures/app-process';
import { notificationEscalationScenarios } from './test-fixtures/notification-escalation';
import { notificationQuietScenarios } from './test-fixtures/notification-quiet';
import { notificationScenarios } from './test-fixtures/notification-scenarios';
import type { NotificationSuite } from './test-fixtures/notification-suite';

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
type GraphqlAnswer = Answer<Record<string, { id: string; number: string; state: string; reopenCount: number } | null>>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BOOT_MS = 150_000;

/**
 * End to end in microservices mode: the incident service, the people directory, the change service,
 * the catalogue, the SLA service, the notification service (mail to a real SMTP server) and the gateway as separate OS processes (the built apps, as
 * production runs them) on the Kafka and MongoDB peers, driven through GraphQL and the directory's
 * SCIM endpoint. One boot for every scenario: each process costs the suite its start-up.
 */
describe('microservices mode: incident + directory + change + catalogue + SLA + notification services + gateway on Kafka and MongoDB', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const apps: AppProcess[] = [];
  let gatewayUrl: string;
  let scimUrl: string;
  const readers: Consumer[] = [];
  let sink: SmtpSink;
  /** The notification service's process and environment (its scenario SIGKILLs and restarts it). */
  const notification = { env: {} as Record<string, string>, inboundPort: 0, readyUrl: '', app: undefined as AppProcess | undefined };
  type Role = 'agent' | 'admin' | 'change-manager' | 'cab-member' | 'requester' | 'catalogue-admin' | 'supplier-agent' | 'notification-admin';
  const token = (sub: string, roles: Role[], org?: string) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles, ...(org === undefined ? {} : { org }) }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });

  async function graphql<T>(bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Answer<T>;
  }
  const call = (bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => graphql(bearer, query, variables);

  /** Produces envelopes on a topic as their owning context's relay does. */
  async function produce(topic: string, envelopes: EventEnvelope[]): Promise<void> {
    const producer = new Kafka({ clientId: `e2e-${topic}`, brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: envelopes.map(encodeEnvelope).map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
    await producer.disconnect();
  }

  /** Reads a topic from its beginning (a group of its own), keeping the events `keep` selects, in arrival order. */
  async function readTopic(topic: string, keep: (envelope: EventEnvelope) => boolean): Promise<EventEnvelope[]> {
    const seen: EventEnvelope[] = [];
    const reader = new Kafka({ clientId: 'e2e-reader', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `e2e-reader-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    readers.push(reader);
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = decodeEnvelope({ key: message.key, value: message.value, headers: message.headers });
        if (keep(envelope)) seen.push(envelope);
      },
    });
    return seen;
  }

  /** A SCIM request to the directory service as an identity provider sends it. */
  const scim = (bearer: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> => scimRequest(scimUrl, bearer, method, path, body, headers);

  beforeAll(async () => {
    const names = ['incident', 'directory', 'change', 'catalogue', 'sla', 'notification'] as const;
    const ports = new Map<string, number>();
    for (const name of [...names, 'gateway']) ports.set(name, await freePort());
    const port = (name: string) => ports.get(name)!;
    const dbPrefix = `e2e${randomUUID().slice(0, 8)}`;
    sink = await SmtpSink.start();
    notification.inboundPort = await freePort();
    // The SLA service checkpoints its clocks often: a clock is readable soon after its event. The notification service mails
    // the sink, listens for replies, and holds a send for a short lease (a crashed send is resent within seconds).
    const extra: Record<string, Record<string, string>> = {
      sla: { SLA_CHECKPOINT_MS: '200' },
      notification: {
        NOTIFICATION_SMTP_URL: sink.url,
        NOTIFICATION_INBOUND_PORT: String(notification.inboundPort),
        NOTIFICATION_ALLOW_PRIVATE_TARGETS: 'true',
        NOTIFICATION_MAIL_DOMAIN: 'itsm.e2e',
        NOTIFICATION_DELIVERY_LEASE_SECONDS: '6',
        NOTIFICATION_SEND_TIMEOUT_SECONDS: '5',
        NOTIFICATION_SWEEP_EVERY_MS: '250',
      },
    };
    notification.env = { ...auth, ...peerServiceEnv(peers, { port: port('notification'), clientId: 'e2e-notification', dbPrefix }), ...extra['notification'] };
    const services = names.map((name) => [name, startApp(`apps/${name}/src/main.js`, name === 'notification' ? notification.env : { ...auth, ...peerServiceEnv(peers, { port: port(name), clientId: `e2e-${name}`, dbPrefix }), ...extra[name] })] as const);
    apps.push(...services.map(([, app]) => app));
    notification.app = services.find(([name]) => name === 'notification')?.[1];
    notification.readyUrl = `http://127.0.0.1:${port('notification')}/health/ready`;
    // Seven processes start at once on a shared 2-core machine: readiness may take longer than one alone would.
    await Promise.all(services.map(([name, app]) => waitUntilReady(`http://127.0.0.1:${port(name)}/health/ready`, app, BOOT_MS)));
    const gateway = startApp('apps/gateway/src/main.js', {
      ...auth,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port('gateway')),
      GATEWAY_SUBGRAPHS: names.map((name) => `${name}=http://127.0.0.1:${port(name)}/graphql`).join(','),
      // Subscriptions follow the incident stream in the gateway's own consumer group.
      ...Object.fromEntries(Object.entries(peerServiceEnv(peers, { port: port('gateway'), clientId: 'e2e-gateway', dbPrefix })).filter(([name]) => name.startsWith('KAFKA_'))),
    });
    apps.push(gateway);
    gatewayUrl = `http://127.0.0.1:${port('gateway')}/graphql`;
    scimUrl = `http://127.0.0.1:${port('directory')}/scim/v2`;
    await waitUntilReady(`http://127.0.0.1:${port('gateway')}/health/ready`, gateway);
  }, 2 * BOOT_MS);

  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.disconnect()));
    const exits = await Promise.all(apps.map((app) => app.stop()));
    await sink.close();
    rmSync(keyDir, { recursive: true, force: true });
    // All closed within the grace period (Nest re-raises the signal after closing the app); a hang would end in SIGKILL.
    expect(exits).toEqual(apps.map(() => 'SIGTERM'));
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

    const seen = await readTopic(incidentTopic.name, (envelope) => envelope.subject === id);
    const expected = ['opened', 'assigned', 'work-started', 'put-on-hold', 'resumed', 'resolved', 'reopened', 'resolved', 'closed'].map((verb) => `itsm.incident.${verb}.v1`);
    await expectEventually(() => expect(seen.map((event) => event.type)).toEqual(expected), { timeoutMs: 60_000, intervalMs: 200 });
    expect(seen.map((event) => event.sequence)).toEqual(expected.map((_, index) => index + 1));
    expect(seen.map((event) => (event.data as { state: string }).state)).toEqual(['new', 'new', 'in_progress', 'on_hold', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed']);
    // One correlation id per request: assigning an assignee to a new incident also starts work (two events, one request).
    expect(new Set(seen.map((event) => event.correlationid)).size).toBe(expected.length - 1);
  });

  it("serves subscriptions from the incident stream on Kafka (the gateway replica's own consumer group, from the newest events)", async () => {
    const agent = await token('u-e2e-agent', ['agent']);
    const opened = await call(agent, 'mutation { openIncident(input: { title: "VPN drops every hour", impact: 3, urgency: 3 }) { id } }');
    const id = opened.data!['openIncident']!.id;
    const received: { state: string }[] = [];
    const client = createClient({ url: gatewayUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${agent}` }, retryAttempts: 0 });
    try {
      client.subscribe<{ incidentChanged: { state: string } }>(
        { query: 'subscription ($id: ID!) { incidentChanged(filter: { ids: [$id] }) { state } }', variables: { id } },
        { next: (message) => void received.push(message.data?.incidentChanged ?? { state: `errors ${JSON.stringify(message.errors)}` }), error: (error) => void received.push({ state: `ended ${JSON.stringify(error)}` }), complete: () => undefined },
      );
      // Subscribed once a change arrives (the gateway's group joins the coordinator, the subscribe message is checked).
      await expectEventually(async () => {
        await call(agent, 'mutation($id: ID!) { addIncidentNote(input: { id: $id, kind: comment, body: "still dropping" }) { id } }', { id });
        expect(received.length).toBeGreaterThan(0);
      }, { timeoutMs: 60_000, intervalMs: 1_000 });
      expect(received.at(-1)).toEqual({ state: 'new' });
      expect((await call(agent, 'mutation($i: AssignIncidentInput!) { assignIncident(input: $i) { id } }', { i: { id, groupId: 'service-desk', assigneeId: 'u-e2e-agent' } })).errors).toBeUndefined();
      await expectEventually(() => expect(received.at(-1)).toEqual({ state: 'in_progress' }), { timeoutMs: 30_000, intervalMs: 200 });
    } finally {
      await client.dispose();
    }
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

  it('change enablement: a normal change through every state with its risk and a two-level CAB policy, a standard change, an emergency change authorised afterwards', async () => {
    const admin = await token('u-admin', ['admin']);
    const manager = await token('p-chg-manager', ['change-manager']);
    const cab = await Promise.all(['p-cab-1', 'p-cab-2', 'p-cab-3'].map((sub) => token(sub, ['cab-member'])));
    // What the change service knows of people and CIs it learns from their contexts' streams.
    const people = new DirectoryFeed();
    const person = (personId: string, roles: string[] = []) => people.person({ personId, userName: personId, displayName: personId, organisationId: 'contoso', roles });
    await produce(directoryTopic.name, [
      people.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      person('p-chg-manager', ['change-manager']),
      person('p-implementer'),
      ...['p-cab-1', 'p-cab-2', 'p-cab-3'].map((id) => person(id)),
      people.group({ groupId: 'g-network', name: 'Network', kind: 'assignment', organisationId: 'contoso', roles: ['implementer'] }),
      people.membersAdded('g-network', ['p-implementer']),
      people.group({ groupId: 'g-cab', name: 'CAB', kind: 'cab', organisationId: 'contoso', roles: ['cab-member'] }),
      people.membersAdded('g-cab', ['p-cab-1', 'p-cab-2', 'p-cab-3']),
    ]);
    const cmdb = new CmdbFeed();
    await produce(cmdbTopic.name, [
      cmdb.ciCreated({ ciId: 'ci-e2e-db', name: 'db-01', classId: 'database' }),
      cmdb.ciCreated({ ciId: 'svc-e2e-pay', name: 'Payments', classId: 'business_service', attributes: { criticality: 'critical' } }),
      cmdb.relationshipAdded('rel-e2e-1', 'svc-e2e-pay', 'ci-e2e-db'),
    ]);

    type Change = { id: string; number: string; state: string; retrospectivelyAuthorised?: boolean; risk?: { level: string; reason: string } | null; approval?: { outcome: string; levels: { name: string; status: string; approvalsNeeded: number; approverIds: string[] }[] } | null };
    const gql = async (bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<Change> => {
      const answer = await graphql<Record<string, Change>>(bearer, query, variables);
      if (answer.errors !== undefined) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
      return Object.values(answer.data ?? {})[0] as Change;
    };
    await gql(admin, 'mutation { saveChangeRiskRule(id: "critical-service", input: { name: "Critical service", condition: { kind: critical_service_affected, criticalities: [critical] }, level: high }) { id } }');
    const policy = (name: string, order: number, appliesWhen: string) => ({
      name, order, appliesWhen,
      levels: [
        { name: 'Change managers', roles: ['change-manager'], rule: 'first_response' },
        { name: 'Change Advisory Board', groupIds: ['g-cab'], rule: 'quorum', quorumPercent: 66 },
      ],
    });
    await gql(admin, 'mutation($input: ApprovalPolicyInput!) { defineApprovalPolicy(input: $input) { id } }', { input: policy('Normal and emergency changes', 20, '{"fact":"model","op":"in","value":["normal","emergency"]}') });

    const plans = { implementation: 'Upgrade the database engine', backout: 'Restore the snapshot', test: 'Payments smoke test' };
    const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const FIELDS = '{ id number state retrospectivelyAuthorised risk { level reason } approval { outcome levels { name status approvalsNeeded approverIds } } }';
    const request = (model: string) =>
      gql(manager, `mutation($input: RequestChangeInput!) { requestChange(input: $input) ${FIELDS} }`, {
        input: { model, title: `Upgrade db-01 (${model})`, configurationItemIds: ['ci-e2e-db'], assignmentGroupId: 'g-network', assigneeId: 'p-implementer', plans, planned: { start: hoursAhead(48), end: hoursAhead(50) } },
      });
    // The projections fill from Kafka: until then the CI and the group are unknown and nothing is written.
    const normal = await expectEventually(() => request('normal'), { timeoutMs: 60_000, intervalMs: 500 });
    expect(normal).toMatchObject({ state: 'new', risk: null });
    expect(normal.number).toMatch(/^CHG\d{7}$/);
    const move = (field: string, id: string) => gql(manager, `mutation($id: ID!) { ${field}(id: $id) ${FIELDS} }`, { id });
    const read = (id: string) => gql(manager, `query($id: ID!) { change(id: $id) ${FIELDS} }`, { id });
    expect((await move('submitForAssessment', normal.id)).state).toBe('assess');
    // Entering Assess assesses the risk (the service reacting to its own event): the rule and its reason.
    await expectEventually(async () => expect((await read(normal.id)).risk).toEqual({ level: 'high', reason: 'rule "Critical service": service Payments (critical, via db-01) affected' }), { timeoutMs: 30_000, intervalMs: 250 });
    const authorize = await move('requestAuthorisation', normal.id);
    expect(authorize).toMatchObject({ state: 'authorize', approval: { outcome: 'pending' } });
    expect(authorize.approval?.levels).toEqual([
      { name: 'Change managers', status: 'pending', approvalsNeeded: 1, approverIds: ['p-chg-manager'] },
      { name: 'Change Advisory Board', status: 'waiting', approvalsNeeded: 2, approverIds: ['p-cab-1', 'p-cab-2', 'p-cab-3'] },
    ]);
    const decide = (bearer: string, changeId: string) => gql(bearer, `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) ${FIELDS} }`, { input: { changeId, decision: 'approved' } });
    await decide(manager, normal.id);
    expect(await decide(cab[0]!, normal.id)).toMatchObject({ state: 'authorize', approval: { outcome: 'pending' } });
    expect(await decide(cab[1]!, normal.id)).toMatchObject({ state: 'scheduled', approval: { outcome: 'approved' } });
    expect((await move('startImplementation', normal.id)).state).toBe('implement');
    expect((await move('completeImplementation', normal.id)).state).toBe('review');
    expect((await gql(manager, `mutation($id: ID!) { closeChange(input: { id: $id, closeCode: successful }) ${FIELDS} }`, { id: normal.id })).state).toBe('closed');

    // A standard change from a published template: pre-approved, straight to Scheduled.
    const template = await gql(admin, 'mutation($input: ChangeTemplateInput!) { createChangeTemplate(input: $input) { id } }', {
      input: { name: 'Monthly database patch', title: 'Patch db-01', plans, configurationItemIds: ['ci-e2e-db'], assignmentGroupId: 'g-network', durationMinutes: 90 },
    });
    await gql(admin, 'mutation($id: ID!) { publishChangeTemplate(id: $id) { id } }', { id: template.id });
    const standard = await gql(manager, `mutation($input: RequestStandardChangeInput!) { requestStandardChange(input: $input) ${FIELDS} }`, { input: { templateId: template.id, plannedStart: hoursAhead(72) } });
    expect(standard.state).toBe('scheduled');

    // An emergency change implemented before the CAB decided: authorised afterwards, flagged.
    const emergency = await request('emergency');
    expect((await move('requestAuthorisation', emergency.id)).state).toBe('authorize');
    expect((await move('startImplementation', emergency.id)).state).toBe('implement');
    await decide(manager, emergency.id);
    await decide(cab[2]!, emergency.id);
    expect(await decide(cab[0]!, emergency.id)).toMatchObject({ state: 'implement', retrospectivelyAuthorised: true, approval: { outcome: 'approved' } });

    // The normal change's events on itsm.change.v1, in order.
    const seen = await readTopic(changeTopic.name, (envelope) => (envelope.data as { changeId?: string }).changeId === normal.id);
    const expected = [
      ['requested', 'new'],
      ['state-changed', 'assess'],
      ['risk-assessed', 'assess'],
      ['state-changed', 'authorize'],
      ['approval-requested', 'authorize'],
      ['approval-decided', 'authorize'],
      ['approval-requested', 'authorize'],
      ['approval-decided', 'authorize'],
      ['approval-decided', 'authorize'],
      ['state-changed', 'scheduled'],
      ['state-changed', 'implement'],
      ['state-changed', 'review'],
      ['state-changed', 'closed'],
    ];
    await expectEventually(() => expect(seen.map((e) => [e.type.replace(/^itsm\.change\.(.*)\.v1$/, '$1'), (e.data as { state: string }).state])).toEqual(expected), { timeoutMs: 60_000, intervalMs: 200 });
    expect(seen.map((e) => e.sequence)).toEqual(expected.map((_, i) => i + 1));
  });

  it('service requests: a two-item cart, manager then quorum approval, the fulfilment graph with a supplier task, every event in order on itsm.request.v1, SLA clocks on the request and the supplier task', async () => {
    type Node = Record<string, unknown>;
    const gql = async (bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<Node> => {
      const answer = await graphql<Node>(bearer, query, variables);
      if (answer.errors !== undefined) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
      return Object.values(answer.data ?? {})[0] as Node;
    };
    // The catalogue and the SLA service learn requesters, managers, groups and organisations from the directory's stream.
    const people = new DirectoryFeed();
    const person = (personId: string, organisationId: string, managerId: string | null = null) => people.person({ personId, userName: personId, displayName: personId, organisationId, managerId });
    const approvers = ['p-rq-approver-1', 'p-rq-approver-2', 'p-rq-approver-3'];
    await produce(directoryTopic.name, [
      people.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      people.organisation({ organisationId: 'fabrikam', name: 'Fabrikam', kind: 'supplier' }),
      person('p-rq-manager', 'contoso'),
      person('p-rq-requester', 'contoso', 'p-rq-manager'),
      ...approvers.map((id) => person(id, 'contoso')),
      person('p-rq-fulfiller', 'contoso'),
      person('p-rq-supplier', 'fabrikam'),
      people.group({ groupId: 'g-rq-approvers', name: 'Server approvers', kind: 'approval', organisationId: 'contoso' }),
      people.membersAdded('g-rq-approvers', approvers),
      people.group({ groupId: 'g-rq-desk', name: 'Workplace desk', kind: 'assignment', organisationId: 'contoso', roles: ['agent'] }),
      people.membersAdded('g-rq-desk', ['p-rq-fulfiller']),
      people.group({ groupId: 'g-rq-hosting', name: 'Fabrikam hosting', kind: 'assignment', organisationId: 'fabrikam', roles: ['supplier-agent'] }),
      people.membersAdded('g-rq-hosting', ['p-rq-supplier']),
    ]);

    // A catalogue admin publishes a server (manager, then two of three approvers; two parallel tasks, one a supplier's, then one after both) and a keyboard.
    const catalogueAdmin = await token('p-rq-catadmin', ['catalogue-admin']);
    const category = await gql(catalogueAdmin, 'mutation { saveCatalogCategory(input: { name: "Infrastructure" }) { id } }');
    const publish = 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id version } }';
    // Retried until the catalogue's directory projection has caught up with the events above (a refused publish writes nothing).
    const server = await expectEventually(() => gql(catalogueAdmin, publish, {
      input: {
        name: 'Virtual server',
        categoryId: category['id'],
        form: [{ name: 'size', label: 'Size', type: 'single_choice', required: true, options: [{ value: 's', label: 'Small' }, { value: 'l', label: 'Large' }] }, { name: 'purpose', label: 'Purpose', type: 'text', required: true }],
        plan: [
          { key: 'network', title: 'Reserve addresses', groupId: 'g-rq-desk', variables: ['purpose'] },
          { key: 'host', title: 'Provision the VM', groupId: 'g-rq-hosting', variables: ['size'] },
          { key: 'hand-over', title: 'Hand over', groupId: 'g-rq-desk', predecessors: ['network', 'host'] },
        ],
        approvalPolicies: [
          {
            id: 'server-approval',
            name: 'Server approval',
            levels: [
              { name: 'Manager', roles: ['requester-manager'], rule: 'first_response' },
              { name: 'Server approvers', groupIds: ['g-rq-approvers'], rule: 'quorum', quorumPercent: 66 },
            ],
          },
        ],
      },
    }), { timeoutMs: 60_000, intervalMs: 500 });
    const keyboard = await gql(catalogueAdmin, publish, { input: { name: 'Keyboard', categoryId: category['id'], form: [], plan: [{ key: 'ship', title: 'Ship', groupId: 'g-rq-desk' }] } });

    // An admin times requests (SLA) and the supplier's tasks (UC for Fabrikam) on a 24x7 calendar.
    const admin = await token('u-admin', ['admin']);
    const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, intervals: [{ start: '00:00', end: '24:00' }] }));
    await gql(admin, 'mutation($input: BusinessCalendarInput!) { saveSlaCalendar(input: $input, expectedVersion: 0) { id } }', { input: { id: 'rq-24x7', name: '24x7', week } });
    const definition = 'mutation($input: SlaDefinitionInput!) { saveSlaDefinition(input: $input, expectedVersion: 0) { id } }';
    const timing = { target: 'resolution', calendarId: 'rq-24x7', timeZone: 'UTC' };
    await gql(admin, definition, { input: { ...timing, id: 'rq-request-8h', name: 'Request fulfilled in 8 hours', kind: 'SLA', ticketType: 'request', targetMinutes: 480, appliesTo: {}, conditions: { start: ['open'], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'] } } });
    await gql(admin, definition, {
      input: {
        ...timing,
        id: 'rq-fabrikam-task-4h',
        name: 'Fabrikam UC: task in 4 hours',
        kind: 'UC',
        ticketType: 'task',
        scope: 'supplier_segment',
        targetMinutes: 240,
        appliesTo: { supplierOrgIds: ['fabrikam'] },
        conditions: { start: ['open', 'in_progress'], stop: ['closed_complete', 'closed_failed', 'closed_skipped'], cancel: ['canceled'] },
      },
    });

    // The requester orders both (once the catalogue knows them and their manager: until then nobody could approve, nothing is written).
    const requester = await token('p-rq-requester', ['requester']);
    const FIELDS = '{ id number state items { id number state catalogItemId approval { outcome levels { name status approverIds } } tasks { id key state groupId supplierOrgId } } }';
    type Task = { id: string; key: string; state: string; groupId: string; supplierOrgId: string | null };
    type Item = { id: string; number: string; state: string; catalogItemId: string; approval: { outcome: string; levels: { name: string; status: string; approverIds: string[] }[] } | null; tasks: Task[] };
    type ServiceRequest = { id: string; number: string; state: string; items: Item[] };
    const order = { lines: [{ itemId: server['id'], variables: JSON.stringify({ size: 'l', purpose: 'Payroll batch' }) }, { itemId: keyboard['id'] }] };
    const ordered = (await expectEventually(() => gql(requester, `mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) ${FIELDS} }`, { input: order }), { timeoutMs: 60_000, intervalMs: 500 })) as unknown as ServiceRequest;
    expect(ordered.number).toMatch(/^REQ\d{7}$/);
    const [serverItem, keyboardItem] = ordered.items;
    expect(serverItem).toMatchObject({
      state: 'awaiting_approval',
      approval: { outcome: 'pending', levels: [{ name: 'Manager', status: 'pending', approverIds: ['p-rq-manager'] }, { name: 'Server approvers', status: 'waiting', approverIds: approvers }] },
    });
    expect(keyboardItem).toMatchObject({ state: 'approved', approval: null, tasks: [{ key: 'ship', state: 'open' }] });

    // Manager approval, then the quorum (two of three).
    const decide = async (who: string): Promise<void> => {
      await gql(await token(who, ['requester']), 'mutation($item: ID!) { decideRequestApproval(requestedItemId: $item, decision: approved) { id } }', { item: serverItem!.id });
    };
    const manager = await token('p-rq-manager', ['requester']);
    expect(await gql(manager, 'query { myApprovals { edges { node { requestNumber item { number } levels { name } } } } }')).toEqual({ edges: [{ node: { requestNumber: ordered.number, item: { number: serverItem!.number }, levels: [{ name: 'Manager' }] } }] });
    await decide('p-rq-manager');
    await decide(approvers[0]!);
    await decide(approvers[2]!);
    const read = async () => (await gql(requester, `query($id: ID!) { request(id: $id) ${FIELDS} }`, { id: ordered.id })) as unknown as ServiceRequest;
    const afterApproval = (await read()).items[0]!;
    expect(afterApproval).toMatchObject({ state: 'approved', approval: { outcome: 'approved' } });
    const task = (key: string) => afterApproval.tasks.find((t) => t.key === key)!;
    expect(afterApproval.tasks.map((t) => [t.key, t.state, t.supplierOrgId])).toEqual([['network', 'open', null], ['host', 'open', 'fabrikam'], ['hand-over', 'pending', null]]);

    // The supplier agent sees its organisation's task only, with the variables that task needs.
    const supplier = await token('p-rq-supplier', ['supplier-agent'], 'fabrikam');
    const VIEW = '{ id key requestNumber variables }';
    expect(await gql(supplier, `query { tasks { edges { node ${VIEW} } } }`)).toEqual({ edges: [{ node: { id: task('host').id, key: 'host', requestNumber: ordered.number, variables: JSON.stringify({ size: 'l' }) } }] });
    const hidden = await graphql(supplier, 'query($id: ID!) { task(id: $id) { id } }', { id: task('network').id });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('CATALOGUE.NOT_FOUND');
    const act = (bearer: string, key: string, action: string) => gql(bearer, `mutation($id: ID!) { actOnFulfilmentTask(id: $id, action: ${action}) { key state } }`, { id: task(key).id });
    expect(await act(supplier, 'host', 'start')).toEqual({ key: 'host', state: 'in_progress' });
    const fulfiller = await token('p-rq-fulfiller', ['agent']);
    expect(await act(fulfiller, 'network', 'complete')).toEqual({ key: 'network', state: 'closed_complete' });
    expect((await read()).items[0]!.tasks.find((t) => t.key === 'hand-over')?.state).toBe('pending');
    expect(await act(supplier, 'host', 'complete')).toEqual({ key: 'host', state: 'closed_complete' });
    expect(await act(fulfiller, 'hand-over', 'complete')).toEqual({ key: 'hand-over', state: 'closed_complete' });
    expect((await read()).state).toBe('open');
    await gql(fulfiller, 'mutation($id: ID!) { actOnFulfilmentTask(id: $id, action: complete) { state } }', { id: keyboardItem!.tasks[0]!.id });
    const closed = await read();
    expect([closed.state, ...closed.items.map((i) => i.state)]).toEqual(['closed_complete', 'closed_complete', 'closed_complete']);

    // Every event of the request on itsm.request.v1, in order.
    const seen = await readTopic(requestTopic.name, (envelope) => (envelope.data as { requestId?: string }).requestId === ordered.id);
    const describeEvent = (e: EventEnvelope) => {
      const data = e.data as { state?: string; item?: { number: string; state: string }; task?: { key: string; state: string } };
      const verb = e.type.replace(/^itsm\.request\.(.*)\.v1$/, '$1');
      return data.task !== undefined ? `${verb} ${data.task.key}:${data.task.state}` : data.item !== undefined ? `${verb} ${data.item.number}:${data.item.state}` : verb;
    };
    const [s, k] = [serverItem!.number, keyboardItem!.number];
    const expected = [
      'submitted',
      ...['network', 'host', 'hand-over', 'ship'].map((key) => `task-state-changed ${key}:pending`),
      `approval-requested ${s}:awaiting_approval`,
      'task-state-changed ship:open',
      `item-state-changed ${k}:approved`,
      `approval-decided ${s}:awaiting_approval`,
      `approval-requested ${s}:awaiting_approval`,
      `approval-decided ${s}:awaiting_approval`,
      `approval-decided ${s}:awaiting_approval`,
      'task-state-changed network:open',
      'task-state-changed host:open',
      `item-state-changed ${s}:approved`,
      'task-state-changed host:in_progress',
      `item-state-changed ${s}:in_fulfilment`,
      'task-state-changed network:closed_complete',
      'task-state-changed host:closed_complete',
      'task-state-changed hand-over:open',
      'task-state-changed hand-over:closed_complete',
      `item-state-changed ${s}:closed_complete`,
      'task-state-changed ship:closed_complete',
      `item-state-changed ${k}:closed_complete`,
      'state-changed',
    ];
    await expectEventually(() => expect(seen.map(describeEvent)).toEqual(expected), { timeoutMs: 60_000, intervalMs: 200 });
    expect(seen.map((e) => e.sequence)).toEqual(expected.map((_, i) => i + 1));
    expect(new Set(seen.map((e) => e.subject))).toEqual(new Set([requestSubject(ordered.id)]));

    // SLA clocks through the gateway, on the catalogue's own types (the SLA subgraph adds `slas`): the request's SLA and the
    // supplier task's UC, both stopped where the events say; each caller sees the clocks its role may see.
    const CLOCK = '{ definitionId kind stage running segment { orgId } }';
    type Clock = { definitionId: string; kind: string; stage: string; running: boolean; segment: { orgId: string } | null };
    type WithClocks = { slas: Clock[]; items: { tasks: { key: string; slas: Clock[] }[] }[] };
    const withClocks = async (bearer: string) => {
      const read = (await gql(bearer, `query($id: ID!) { request(id: $id) { slas ${CLOCK} items { tasks { key slas ${CLOCK} } } } }`, { id: ordered.id })) as unknown as WithClocks;
      return { request: read.slas, tasks: Object.fromEntries(read.items[0]!.tasks.map((t) => [t.key, t.slas])) };
    };
    const requestSla = { definitionId: 'rq-request-8h', kind: 'SLA', stage: 'achieved', running: false, segment: null };
    const supplierUc = { definitionId: 'rq-fabrikam-task-4h', kind: 'UC', stage: 'achieved', running: false, segment: { orgId: 'fabrikam' } };
    await expectEventually(
      async () => {
        expect(await withClocks(admin)).toEqual({ request: [requestSla], tasks: { network: [], host: [supplierUc], 'hand-over': [] } });
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(await withClocks(requester)).toEqual({ request: [requestSla], tasks: { network: [], host: [], 'hand-over': [] } });
    expect(await gql(supplier, `query($id: ID!) { task(id: $id) { key slas ${CLOCK} } }`, { id: task('host').id })).toEqual({ key: 'host', slas: [supplierUc] });
  });

  const notificationSuite: NotificationSuite = {
    sink: () => sink,
    inboundPort: () => notification.inboundPort,
    token,
    graphql: (bearer, query, variables) => graphql(bearer, query, variables),
    produce,
    readTopic,
    crashAndRestartNotification: async () => {
      const crashed = notification.app!;
      expect(await crashed.kill()).toBe('SIGKILL');
      const restarted = startApp('apps/notification/src/main.js', notification.env);
      apps.splice(apps.indexOf(crashed), 1, restarted);
      notification.app = restarted;
      await waitUntilReady(notification.readyUrl, restarted);
    },
  };
  notificationScenarios(notificationSuite);
  // Quiet hours and a digest are arranged here and checked after the escalation's minute (theirs fall due within it).
  const quietHoursComeDue = notificationQuietScenarios(notificationSuite);
  notificationEscalationScenarios(notificationSuite);
  quietHoursComeDue();
});
