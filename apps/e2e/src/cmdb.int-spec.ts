import { cmdbDiscoveryTopic, cmdbTopic, createEnvelope, decodeEnvelope, deadLetterTopicOf, encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { DLQ_HEADERS } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { newEd25519KeyPair, newHmacSecret, parseSigningKey, signRecord } from '@itsm/platform/webhooks';
import { expectEventually, testPeers } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { peerServiceEnv, startApp, waitUntilReady } from './test-fixtures/app-process';

interface GraphqlAnswer<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

interface Reconciled {
  outcome: string;
  ci: { id: string; name: string; attributes: { name: string; value: string | null; source: string | null }[] };
  heldAttributes: { attribute: string; heldBy: string }[];
}

interface Impact {
  totalImpacted: number;
  depthLimitReached: boolean;
  impacted: { ciId: string; name: string; depth: number; explanation: string; path: { ciId: string; reading: string }[]; redundancy: { members: number; unavailable: number; required: number } | null }[];
  services: { name: string }[];
  redundancyHeld: { name: string; redundancy: { members: number; unavailable: number; required: number } }[];
}

const RECONCILED = '{ outcome ci { id name attributes { name value source } } heldAttributes { attribute heldBy } }';
const IMPACT = '{ totalImpacted depthLimitReached impacted { ciId name depth explanation path { ciId reading } redundancy { members unavailable required } } services { name } redundancyHeld { name redundancy { members unavailable required } } }';

/**
 * End to end, microservices mode: two replicas of the BUILT CMDB service on the Kafka and MongoDB
 * peers. Writes go to either; replica B answers impact questions about replica A's writes, which
 * it only learns from the CMDB's own events (its impact index is in memory). Discovery arrives
 * through GraphQL on both replicas and through the bulk feed topic at once.
 */
describe('CMDB service end to end (two replicas, Kafka + MongoDB peers)', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-cmdb-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const dbPrefix = `e2ecmdb${randomUUID().slice(0, 8)}`;
  const env = (port: number, instance: string): Record<string, string> => ({
    ...auth,
    ...peerServiceEnv(peers, { port, clientId: `e2e-cmdb-${instance}`, dbPrefix }),
    CMDB_INSTANCE_ID: `${dbPrefix}-${instance}`,
  });
  const kafka = new Kafka({ clientId: 'e2e-cmdb-test', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING });
  let producer: Producer;
  let reader: Consumer;
  const cmdbEvents: EventEnvelope[] = [];
  const seen = new Set<string>();
  const deadLetters: { reason: string; value: string }[] = [];
  const replicas: { app: AppProcess; url: string }[] = [];
  let admin: string;
  let manager: string;
  let requester: string;

  async function call<T = Record<string, unknown>>(replica: number, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
    const response = await fetch(replicas[replica]!.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  async function ok<T>(replica: number, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await call<T>(replica, bearer, query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }

  async function codeOf(replica: number, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<{ code: string | undefined; details: Record<string, unknown> | undefined }> {
    const answer = await call(replica, bearer, query, variables);
    expect(answer.data ?? null).toBeNull();
    return { code: answer.errors?.[0]?.extensions?.code, details: answer.errors?.[0]?.extensions?.details };
  }

  type Attrs = Record<string, string | null>;
  const attrs = (a: Attrs) => Object.entries(a).map(([name, value]) => ({ name, value }));

  async function discover(replica: number, source: string, classId: string, attributes: Attrs, relationships: unknown[] = []): Promise<GraphqlAnswer<{ reportDiscoveredCi: Reconciled }>> {
    return call(replica, admin, `mutation($i: DiscoveredCiInput!) { reportDiscoveredCi(input: $i) ${RECONCILED} }`, { i: { source, classId, attributes: attrs(attributes), relationships } });
  }

  async function create(classId: string, name: string, attributes: Attrs = {}): Promise<string> {
    const answer = await discover(0, 'manual', classId, { name, ...attributes });
    expect(answer.errors).toBeUndefined();
    return answer.data!.reportDiscoveredCi.ci.id;
  }

  async function relate(typeId: string, sourceId: string, targetId: string): Promise<string> {
    const data = await ok<{ addRelationship: { id: string } }>(0, manager, 'mutation($t: String!, $s: ID!, $g: ID!) { addRelationship(typeId: $t, sourceId: $s, targetId: $g) { id } }', { t: typeId, s: sourceId, g: targetId });
    return data.addRelationship.id;
  }

  async function impact(replica: number, input: Record<string, unknown>): Promise<Impact> {
    return (await ok<{ impactAnalysis: Impact }>(replica, manager, `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) ${IMPACT} }`, { i: input })).impactAnalysis;
  }

  async function countNamed(prefix: string): Promise<number> {
    const data = await ok<{ configurationItems: { edges: unknown[] } }>(0, manager, 'query($n: String!) { configurationItems(nameContains: $n, first: 500) { edges { node { id } } } }', { n: prefix });
    return data.configurationItems.edges.length;
  }

  // Each feed source signs its records with its own key (the CMDB holds the verifying half): an HMAC secret for SCCM, an Ed25519 pair for the supplier.
  const sccmSecret = newHmacSecret();
  const supplierPair = newEd25519KeyPair();
  const signingKeys: Readonly<Record<string, string>> = { sccm: sccmSecret, 'supplier-feed': supplierPair.privateKey };

  async function publishDiscovery(items: Record<string, unknown>[]): Promise<void> {
    const messages = items.map((data) => {
      const record = encodeEnvelope(createEnvelope({ id: randomUUID(), source: '/e2e/discovery', type: 'itsm.cmdb-discovery.ci-discovered.v1', subject: `e2e-${randomUUID()}`, time: new Date(), data, sequence: 1, correlationid: randomUUID() }));
      const key = signingKeys[String(data['source'])];
      if (key === undefined) throw new Error(`no signing key for source ${String(data['source'])}`);
      return signRecord([parseSigningKey(key)], record, Math.floor(Date.now() / 1000));
    });
    await producer.send({ topic: cmdbDiscoveryTopic.name, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
  }

  beforeAll(async () => {
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    reader = kafka.consumer({ groupId: `e2e-cmdb-reader-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    await reader.connect();
    await reader.subscribe({ topics: [cmdbTopic.name, deadLetterTopicOf(cmdbDiscoveryTopic.name)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (topic === cmdbTopic.name) {
          // At-least-once: two replicas' outbox relays may both publish an event; consumers drop repeats by id.
          const event = decodeEnvelope({ key: message.key, value: message.value, headers: message.headers });
          if (!seen.has(event.id)) cmdbEvents.push(event);
          seen.add(event.id);
        }
        else deadLetters.push({ reason: String(message.headers?.[DLQ_HEADERS.reason] ?? ''), value: String(message.value) });
      },
    });
    for (const instance of ['a', 'b']) {
      const port = await freePort();
      const app = startApp('apps/cmdb/src/main.js', env(port, instance));
      replicas.push({ app, url: `http://127.0.0.1:${port}/graphql` });
      await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, app);
    }
    const token = (sub: string, roles: string[]) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles: roles as never }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });
    admin = await token('u-admin', ['admin']);
    manager = await token('u-incident-manager', ['incident-manager']);
    requester = await token('u-requester', ['requester']);
    for (const source of [
      { id: 'sccm', label: 'SCCM', precedence: 60, attributePrecedence: [], mayCreate: true, verificationKeys: [sccmSecret] },
      { id: 'scanner', label: 'Network scanner', precedence: 40, attributePrecedence: [{ attribute: 'ip_address', precedence: 90 }], mayCreate: true },
      { id: 'supplier-feed', label: 'Supplier feed', precedence: 30, attributePrecedence: [], mayCreate: false, verificationKeys: [supplierPair.publicKey] },
    ]) {
      await ok(0, admin, 'mutation($s: DiscoverySourceInput!) { saveDiscoverySource(input: $s, expectedVersion: 0) { id version } }', { s: source });
    }
  }, 180_000);

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    for (const replica of replicas) await replica.app.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('bad input is refused with a code and changes nothing: unknown class, a value of the wrong type, a forbidden relationship', async () => {
    const eventsBefore = cmdbEvents.length;
    const unknownClass = await codeOf(0, admin, 'mutation { reportDiscoveredCi(input: { source: "sccm", classId: "spaceship", attributes: [{ name: "name", value: "bad-1" }] }) { outcome } }');
    expect(unknownClass.code).toBe('CMDB.UNKNOWN_CLASS');
    const wrongType = await discover(0, 'sccm', 'server', { name: 'bad-2', serial_number: 'BAD-2', cpu_count: 'lots' });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: 'CMDB.INVALID_ATTRIBUTE', details: { attribute: 'cpu_count', expected: 'integer' } });
    const badIp = await discover(1, 'sccm', 'server', { name: 'bad-3', ip_address: '10.0.0.300' });
    expect(badIp.errors?.[0]?.extensions?.code).toBe('CMDB.INVALID_ATTRIBUTE');
    const service = await create('business_service', 'good business service');
    const server = await create('server', 'good server', { serial_number: 'BAD-SRV-1' });
    const forbidden = await codeOf(0, manager, `mutation { addRelationship(typeId: "runs_on", sourceId: "${service}", targetId: "${server}") { id } }`);
    expect(forbidden).toEqual({ code: 'CMDB.FORBIDDEN_RELATIONSHIP', details: { typeId: 'runs_on', sourceClassId: 'business_service', targetClassId: 'server' } });
    // A discovery payload whose relationship is refused by its type is refused whole, before anything is written.
    const unknownType = await discover(0, 'sccm', 'server', { name: 'bad-4', serial_number: 'BAD-4' }, [{ typeId: 'powers', direction: 'outbound', classId: 'server', identifiers: [{ name: 'serial_number', value: 'BAD-SRV-1' }] }]);
    expect(unknownType.errors?.[0]?.extensions?.code).toBe('CMDB.UNKNOWN_RELATIONSHIP_TYPE');
    expect(await countNamed('bad-')).toBe(0);
    // Only the two good CIs produced events; the refused relationship none.
    await expectEventually(() => expect(cmdbEvents.length - eventsBefore).toBe(2), { timeoutMs: 15_000, intervalMs: 100 });
    const after = cmdbEvents.slice(eventsBefore);
    expect(after.map((e) => e.type).sort()).toEqual(['itsm.cmdb.ci-created.v1', 'itsm.cmdb.ci-created.v1']);
    // The data model is data: an admin adds a class; its attributes are typed like the core ones.
    await ok(0, admin, 'mutation { saveCiClass(expectedVersion: 0, input: { id: "storage_array", label: "Storage array", parentId: "hardware", attributes: [{ name: "capacity_tb", label: "Capacity (TB)", type: "number", min: 0 }] }) { id lineage } }');
    await expectEventually(async () => expect((await discover(1, 'sccm', 'storage_array', { name: 'san-01', serial_number: 'SAN-01', capacity_tb: 'big' })).errors?.[0]?.extensions?.code).toBe('CMDB.INVALID_ATTRIBUTE'), { timeoutMs: 15_000, intervalMs: 500 });
    const san = await discover(1, 'sccm', 'storage_array', { name: 'san-01', serial_number: 'SAN-01', capacity_tb: '512.5' });
    expect(san.data?.reportDiscoveredCi.ci.attributes).toContainEqual({ name: 'capacity_tb', value: '512.5', source: 'sccm' });
  });

  it('reconciliation: per-attribute source precedence, a source that may only update, the full ordered history', async () => {
    const refused = await discover(0, 'supplier-feed', 'server', { name: 'rec-srv-1', serial_number: 'REC-SN-1', os: 'AIX' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CMDB.SOURCE_MAY_NOT_CREATE');
    expect(await countNamed('rec-srv')).toBe(0);

    const created = (await discover(0, 'sccm', 'server', { name: 'rec-srv-1', serial_number: 'REC-SN-1', os: 'Linux', ip_address: '10.20.0.5' })).data!.reportDiscoveredCi;
    expect(created.outcome).toBe('created');
    const id = created.ci.id;
    // The scanner identifies it by serial number (case and spaces ignored for identification, not
    // for the value it reports): it owns ip_address (90 > 60), not os nor serial_number (40 < 60).
    const scanned = (await discover(1, 'scanner', 'server', { serial_number: ' rec-sn-1 ', name: 'rec-srv-1', os: 'Windows', ip_address: '10.20.0.6' })).data!.reportDiscoveredCi;
    expect(scanned).toMatchObject({ outcome: 'updated', ci: { id }, heldAttributes: [{ attribute: 'serial_number', heldBy: 'sccm' }, { attribute: 'os', heldBy: 'sccm' }] });
    // The supplier may update by name + class, and fills what nobody holds; it loses os as well.
    const supplied = (await discover(0, 'supplier-feed', 'server', { name: 'REC-SRV-1', cpu_count: '8', os: 'AIX' })).data!.reportDiscoveredCi;
    expect(supplied).toMatchObject({ outcome: 'updated', ci: { id }, heldAttributes: [{ attribute: 'name', heldBy: 'sccm' }, { attribute: 'os', heldBy: 'sccm' }] });
    // A person (manual, 100) overrides os.
    await ok(1, manager, `mutation { updateConfigurationItem(id: "${id}", attributes: [{ name: "os", value: "Linux (RHEL 9)" }]) { outcome } }`);
    const { configurationItem } = await ok<{ configurationItem: { attributes: { name: string; value: string; source: string }[]; history: { version: number; kind: string; source: string; by: string; changes: { attribute: string; old: string | null; new: string | null }[] }[] } }>(
      1,
      manager,
      `{ configurationItem(id: "${id}") { attributes { name value source } history { version kind source by changes { attribute old new } } } }`,
    );
    expect(Object.fromEntries(configurationItem.attributes.map((a) => [a.name, [a.value, a.source]]))).toEqual({
      name: ['rec-srv-1', 'sccm'],
      serial_number: ['REC-SN-1', 'sccm'],
      os: ['Linux (RHEL 9)', 'manual'],
      ip_address: ['10.20.0.6', 'scanner'],
      cpu_count: ['8', 'supplier-feed'],
    });
    expect(configurationItem.history).toEqual([
      { version: 1, kind: 'created', source: 'sccm', by: 'u-admin', changes: [
        { attribute: 'name', old: null, new: 'rec-srv-1' },
        { attribute: 'serial_number', old: null, new: 'REC-SN-1' },
        { attribute: 'os', old: null, new: 'Linux' },
        { attribute: 'ip_address', old: null, new: '10.20.0.5' },
      ] },
      { version: 2, kind: 'updated', source: 'scanner', by: 'u-admin', changes: [{ attribute: 'ip_address', old: '10.20.0.5', new: '10.20.0.6' }] },
      { version: 3, kind: 'updated', source: 'supplier-feed', by: 'u-admin', changes: [{ attribute: 'cpu_count', old: null, new: '8' }] },
      { version: 4, kind: 'updated', source: 'manual', by: 'u-incident-manager', changes: [{ attribute: 'os', old: 'Linux', new: 'Linux (RHEL 9)' }] },
    ]);
    // The same facts on the topic, in order for the CI.
    await expectEventually(() => expect(cmdbEvents.filter((e) => e.subject === id).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'itsm.cmdb.ci-created.v1'],
      [2, 'itsm.cmdb.ci-updated.v1'],
      [3, 'itsm.cmdb.ci-updated.v1'],
      [4, 'itsm.cmdb.ci-updated.v1'],
    ]), { timeoutMs: 15_000, intervalMs: 100 });
    // A requester does not read the CMDB.
    expect((await call(0, requester, `{ configurationItem(id: "${id}") { id } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the same CIs arriving at once from the bulk feed and from both replicas end as one CI each; a refused feed item is dead-lettered with its code', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ name: `dup-vm-${String(i).padStart(2, '0')}`, vm_uuid: `DUP-UUID-${i}`, os: 'Linux' }));
    const feed = items.map((a) => ({ source: 'sccm', classId: 'virtual_machine', attributes: a, relationships: [], by: 'feed-job', at: new Date().toISOString() }));
    const toGraphql = (a: Record<string, string>) => Object.fromEntries(Object.entries(a));
    await Promise.all([
      publishDiscovery(feed),
      publishDiscovery(feed),
      ...items.flatMap((a) => [discover(0, 'sccm', 'virtual_machine', toGraphql(a)), discover(1, 'sccm', 'virtual_machine', toGraphql(a))]),
    ]);
    // A supplier feed item that may not create, and one with a value of the wrong type: dead letters.
    await publishDiscovery([
      { source: 'supplier-feed', classId: 'virtual_machine', attributes: { name: 'dup-never', vm_uuid: 'NEVER' }, relationships: [], by: 'feed-job', at: new Date().toISOString() },
      { source: 'sccm', classId: 'virtual_machine', attributes: { name: 'dup-wrong', vm_uuid: 'WRONG', cpu_count: 'many' }, relationships: [], by: 'feed-job', at: new Date().toISOString() },
    ]);
    await expectEventually(() => expect(deadLetters.length).toBeGreaterThanOrEqual(2), { timeoutMs: 60_000, intervalMs: 250 });
    expect(deadLetters.map((d) => d.reason).join('\n')).toMatch(/CMDB\.SOURCE_MAY_NOT_CREATE[\s\S]*CMDB\.INVALID_ATTRIBUTE|CMDB\.INVALID_ATTRIBUTE[\s\S]*CMDB\.SOURCE_MAY_NOT_CREATE/);
    await expectEventually(async () => {
      const created = cmdbEvents.filter((e) => e.type === 'itsm.cmdb.ci-created.v1' && String((e.data as { name: string }).name).startsWith('dup-vm-'));
      expect(new Set(created.map((e) => (e.data as { name: string }).name)).size).toBe(20);
      expect(created).toHaveLength(20);
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(await countNamed('dup-vm-')).toBe(20);
    expect(await countNamed('dup-never')).toBe(0);
    expect(await countNamed('dup-wrong')).toBe(0);
  });

  it('impact: a 3-member cluster needing 2 survives one member down, not two; cycles end; depth is honoured; paths explain; replica B follows A through events', async () => {
    const [s1, s2, s3] = [await create('server', 'imp-srv-1', { serial_number: 'IMP-1' }), await create('server', 'imp-srv-2', { serial_number: 'IMP-2' }), await create('server', 'imp-srv-3', { serial_number: 'IMP-3' })];
    const cluster = await create('cluster', 'imp-cluster', { cluster_type: 'compute', redundancy_min_available: '2' });
    for (const s of [s1, s2, s3]) await relate('member_of', s, cluster);
    const app = await create('application', 'imp-app');
    const peer = await create('application', 'imp-peer-app');
    const db = await create('database', 'imp-db', { engine: 'postgresql' });
    await relate('runs_on', app, cluster);
    await relate('runs_on', db, s3);
    // A cycle: app and its peer depend on each other; the app also needs the database.
    await relate('depends_on', app, peer);
    await relate('depends_on', peer, app);
    await relate('depends_on', app, db);
    const appService = await create('application_service', 'imp-app-service');
    const offering = await create('service_offering', 'imp-offering');
    const business = await create('business_service', 'imp-business');
    await relate('depends_on', appService, app);
    await relate('depends_on', offering, appService);
    await relate('depends_on', business, offering);

    // Replica B learns all this only from the CMDB's events.
    await expectEventually(async () => expect((await impact(1, { ciIds: [s1, s2], maxDepth: 10 })).totalImpacted).toBe(6), { timeoutMs: 20_000, intervalMs: 250 });

    const one = await impact(1, { ciIds: [s1], maxDepth: 10 });
    expect(one.totalImpacted).toBe(0);
    expect(one.redundancyHeld).toEqual([{ name: 'imp-cluster', redundancy: { members: 3, unavailable: 1, required: 2 } }]);

    const two = await impact(1, { ciIds: [s1, s2], maxDepth: 10 });
    expect(two.impacted.map((i) => [i.name, i.depth])).toEqual([
      ['imp-cluster', 1],
      ['imp-app', 2],
      ['imp-app-service', 3],
      ['imp-peer-app', 3],
      ['imp-offering', 4],
      ['imp-business', 5],
    ]);
    expect(two.impacted[0]!.redundancy).toEqual({ members: 3, unavailable: 2, required: 2 });
    const business5 = two.impacted.find((i) => i.name === 'imp-business')!;
    expect(business5.path.map((p) => p.reading)).toEqual(['member of', 'runs', 'used by', 'used by', 'used by']);
    expect(business5.path.map((p) => p.ciId).slice(1)).toEqual([cluster, app, appService, offering]);
    expect(business5.explanation).toMatch(/^imp-srv-[12] member of imp-cluster, runs imp-app, used by imp-app-service, used by imp-offering, used by imp-business$/);
    expect(two.services.map((s) => s.name)).toEqual(['imp-app-service', 'imp-offering', 'imp-business']);

    // The cycle: downstream from the database reaches app and peer once each, and ends.
    const fromDb = await impact(1, { ciIds: [db], maxDepth: 25 });
    expect(fromDb.impacted.map((i) => i.name).filter((n) => n.endsWith('app'))).toEqual(['imp-app', 'imp-peer-app']);

    // Depth: one hop from the two servers is the cluster only, and the walk says it stopped.
    const shallow = await impact(1, { ciIds: [s1, s2], maxDepth: 1 });
    expect(shallow.impacted.map((i) => i.name)).toEqual(['imp-cluster']);
    expect(shallow.depthLimitReached).toBe(true);

    // A filter by relationship type: without member_of the servers impact nothing.
    expect((await impact(1, { ciIds: [s1, s2], maxDepth: 10, relationshipTypes: ['runs_on', 'depends_on'] })).totalImpacted).toBe(0);

    // Upstream: what the business service needs, down to the servers under the cluster.
    const map = (await ok<{ serviceMap: Impact }>(1, manager, `{ serviceMap(serviceId: "${business}") ${IMPACT} }`)).serviceMap;
    expect(map.impacted.map((i) => i.name).sort()).toEqual(['imp-app', 'imp-app-service', 'imp-cluster', 'imp-db', 'imp-offering', 'imp-peer-app', 'imp-srv-1', 'imp-srv-2', 'imp-srv-3'].sort());

    // Member 3 already down (status): now losing member 1 alone impacts the cluster.
    await ok(0, manager, `mutation { updateConfigurationItem(id: "${s3}", attributes: [{ name: "operational_status", value: "non_operational" }]) { outcome } }`);
    await expectEventually(async () => expect((await impact(1, { ciIds: [s1], maxDepth: 10 })).impacted.map((i) => i.name)).toContain('imp-cluster'), { timeoutMs: 20_000, intervalMs: 250 });
    expect((await impact(1, { ciIds: [s1], maxDepth: 10, considerStatus: false })).totalImpacted).toBe(0);

    // The incident's affected services, as the gateway asks for them (`@requires` configurationItemIds).
    const entities = await ok<{ _entities: { affectedServices: { name: string; depth: number; explanation: string }[] }[] }>(
      1,
      requester,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { affectedServices { name depth explanation } } } }',
      { r: [{ __typename: 'Incident', id: 'inc-e2e-1', configurationItemIds: [s1, 'not-a-ci'] }] },
    );
    expect(entities._entities[0]!.affectedServices.map((s) => [s.name, s.depth])).toEqual([
      ['imp-app-service', 3],
      ['imp-offering', 4],
      ['imp-business', 5],
    ]);

    // Retiring a member removes its relationships (events), so it no longer counts anywhere.
    await ok(0, manager, `mutation { retireConfigurationItem(id: "${s2}", reason: "decommissioned") { state } }`);
    await expectEventually(async () => {
      // Two members left (1 and 3) and 2 needed: losing member 1 now impacts the cluster.
      const left = await impact(1, { ciIds: [s1], maxDepth: 10, considerStatus: false });
      expect(left.impacted[0]).toMatchObject({ name: 'imp-cluster', redundancy: { members: 2, unavailable: 1, required: 2 } });
    }, { timeoutMs: 20_000, intervalMs: 250 });
    // The test's own reader of itsm.cmdb.v1 may trail the replicas' readers: wait for it, then exactly one removal.
    await expectEventually(
      () => expect(cmdbEvents.filter((e) => e.type === 'itsm.cmdb.relationship-removed.v1' && (e.data as { sourceId: string }).sourceId === s2)).toHaveLength(1),
      { timeoutMs: 15_000, intervalMs: 100 },
    );

    // A restarted replica rebuilds its index from MongoDB before it reports ready: same answer at once.
    const before = await impact(1, { ciIds: [s1], maxDepth: 10 });
    await replicas[1]!.app.stop();
    const port = await freePort();
    const restarted = startApp('apps/cmdb/src/main.js', env(port, 'b'));
    replicas[1] = { app: restarted, url: `http://127.0.0.1:${port}/graphql` };
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, restarted);
    expect(await impact(1, { ciIds: [s1], maxDepth: 10 })).toEqual(before);
  });
});
