import { changeTopic, cmdbTopic, decodeEnvelope, directoryTopic, encodeEnvelope, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { CmdbFeed, DirectoryFeed, expectEventually, scimRequest, testPeers } from '@itsm/testing';
import type { ScimAnswer } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { peerServiceEnv, startApp, waitUntilReady } from './test-fixtures/app-process';

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
type GraphqlAnswer = Answer<Record<string, { id: string; number: string; state: string; reopenCount: number } | null>>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * End to end in microservices mode: the incident service, the people directory, the change service
 * and the gateway as separate OS processes (the built apps, as production runs them) on the Kafka
 * and MongoDB peers, driven through GraphQL and the directory's SCIM endpoint.
 */
describe('microservices mode: incident + directory + change services + gateway on Kafka and MongoDB', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const apps: AppProcess[] = [];
  let gatewayUrl: string;
  let scimUrl: string;
  let consumer: Consumer | undefined;
  let changeReader: Consumer | undefined;
  const token = (sub: string, roles: ('agent' | 'admin' | 'change-manager' | 'cab-member' | 'requester')[]) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });

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

  /** A SCIM request to the directory service as an identity provider sends it. */
  const scim = (bearer: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> => scimRequest(scimUrl, bearer, method, path, body, headers);

  beforeAll(async () => {
    const [incidentPort, directoryPort, changePort, gatewayPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const dbPrefix = `e2e${randomUUID().slice(0, 8)}`;
    const service = (name: string, port: number) =>
      startApp(`apps/${name}/src/main.js`, { ...auth, ...peerServiceEnv(peers, { port, clientId: `e2e-${name}`, dbPrefix }) });
    const incident = service('incident', incidentPort);
    const directory = service('directory', directoryPort);
    const change = service('change', changePort);
    apps.push(incident, directory, change);
    await waitUntilReady(`http://127.0.0.1:${incidentPort}/health/ready`, incident);
    await waitUntilReady(`http://127.0.0.1:${directoryPort}/health/ready`, directory);
    await waitUntilReady(`http://127.0.0.1:${changePort}/health/ready`, change);
    const gateway = startApp('apps/gateway/src/main.js', {
      ...auth,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(gatewayPort),
      GATEWAY_SUBGRAPHS: `incident=http://127.0.0.1:${incidentPort}/graphql,directory=http://127.0.0.1:${directoryPort}/graphql,change=http://127.0.0.1:${changePort}/graphql`,
    });
    apps.push(gateway);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    scimUrl = `http://127.0.0.1:${directoryPort}/scim/v2`;
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await changeReader?.disconnect();
    const exits = await Promise.all(apps.map((app) => app.stop()));
    rmSync(keyDir, { recursive: true, force: true });
    // All closed within the grace period (Nest re-raises the signal after closing the app); a hang would end in SIGKILL.
    expect(exits).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM', 'SIGTERM']);
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
    const seen: EventEnvelope[] = [];
    changeReader = new Kafka({ clientId: 'e2e-change-reader', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `e2e-change-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    await changeReader.connect();
    await changeReader.subscribe({ topic: changeTopic.name, fromBeginning: true });
    await changeReader.run({
      eachMessage: async ({ message }) => {
        const envelope = decodeEnvelope({ key: message.key, value: message.value, headers: message.headers });
        if ((envelope.data as { changeId?: string }).changeId === normal.id) seen.push(envelope);
      },
    });
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
});
