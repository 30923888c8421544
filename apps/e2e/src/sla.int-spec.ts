import { createEnvelope, decodeEnvelope, directoryTopic, encodeEnvelope, incidentTopic, slaTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { DirectoryFeed, expectEventually, testPeers } from '@itsm/testing';
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

interface ClockView {
  definitionId: string;
  clockId: string;
  stage: string;
  elapsedSeconds: number;
  pausedSeconds: number;
  breachAt: string | null;
  originalBreachAt: string;
  breachedAt: string | null;
  cancelReason: string | null;
}

const CLOCK_FIELDS = '{ definitionId clockId stage elapsedSeconds pausedSeconds breachAt originalBreachAt breachedAt cancelReason }';
const OFFICE = '[{ day: mon, intervals: [{ start: "09:00", end: "17:00" }] }, { day: tue, intervals: [{ start: "09:00", end: "17:00" }] }, { day: wed, intervals: [{ start: "09:00", end: "17:00" }] }, { day: thu, intervals: [{ start: "09:00", end: "17:00" }] }, { day: fri, intervals: [{ start: "09:00", end: "17:00" }] }]';
const ALL_DAY = `[${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `{ day: ${d}, intervals: [{ start: "00:00", end: "24:00" }] }`).join(', ')}]`;
const RESOLUTION = '{ start: ["new", "in_progress"], pause: ["on_hold"], stop: ["resolved", "closed"], cancel: ["canceled"] }';

/**
 * End to end, microservices mode: the BUILT SLA service as its own process on the Kafka and MongoDB
 * peers. The test plays the incident service (it publishes incident events, with the instants it
 * needs, on `itsm.incident.v1`), reads `itsm.sla.v1`, and asks the SLA subgraph for the clocks
 * through federation's `_entities`, as the gateway does for `Incident.slas`. One case adds the built
 * reporting service on the same peers: the figures it answers from both streams are hand-computed.
 */
describe('SLA service end to end (Kafka + MongoDB peers)', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-sla-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-e2e', AUTH_AUDIENCE: 'itsm-e2e-api' };
  const env = (port: number): Record<string, string> => ({
    ...auth,
    ...peerServiceEnv(peers, { port, clientId: 'e2e-sla', dbPrefix }),
    SLA_CHECKPOINT_MS: '200',
  });
  const dbPrefix = `e2esla${randomUUID().slice(0, 8)}`;
  const kafka = new Kafka({ clientId: 'e2e-sla-test', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING });
  let producer: Producer;
  let reader: Consumer;
  const slaEvents: EventEnvelope[] = [];
  let sla: AppProcess;
  let url: string;
  let admin: string;
  let agent: string;

  async function startSla(): Promise<void> {
    const port = await freePort();
    sla = startApp('apps/sla/src/main.js', env(port));
    url = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, sla);
  }

  async function call<T = Record<string, unknown>>(bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  async function clocksOf(incidentId: string): Promise<ClockView[]> {
    const answer = await call<{ _entities: { slas: ClockView[] }[] }>(
      agent,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { slas ${CLOCK_FIELDS} } } }`,
      { r: [{ __typename: 'Incident', id: incidentId }] },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!._entities[0]!.slas;
  }

  /** Publishes an incident's events as the incident service would (keyed by id, sequence 1..n). */
  async function incident(id: string, events: [type: string, at: string, data: Record<string, unknown>][]): Promise<void> {
    const messages = events.map(([type, at, data], index) =>
      encodeEnvelope(
        createEnvelope({
          id: randomUUID(),
          source: '/itsm/incident',
          type: `itsm.incident.${type}.v1`,
          subject: id,
          time: new Date(at),
          data: { ...data, by: 'u-e2e', at },
          sequence: index + 1,
          correlationid: randomUUID(),
        }),
      ),
    );
    await producer.send({ topic: incidentTopic.name, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
  }

  const opened = (at: string, priority: number, serviceId: string) => [
    'opened',
    at,
    {
      number: `INC${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`,
      title: 'SLA acceptance',
      description: '',
      callerId: 'u-caller',
      callerOrgId: 'fabrikam',
      impact: 2,
      urgency: 2,
      priority,
      category: null,
      serviceId,
      configurationItemIds: [],
      assignmentGroupId: null,
      assignedOrgId: null,
      assigneeId: null,
      state: 'new',
    },
  ] as [string, string, Record<string, unknown>];

  beforeAll(async () => {
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    reader = kafka.consumer({ groupId: `e2e-sla-reader-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    await reader.connect();
    await reader.subscribe({ topic: slaTopic.name, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void slaEvents.push(decodeEnvelope({ key: message.key, value: message.value, headers: message.headers })) });
    await startSla();
    admin = await issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub: 'u-admin', name: 'Admin', roles: ['admin'] }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });
    agent = await issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub: 'u-agent', name: 'Agent', roles: ['agent'] }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });
    for (const [id, name, week] of [['berlin-office', 'Berlin office', OFFICE], ['always', '24x7', ALL_DAY]] as const) {
      const saved = await call(admin, `mutation { saveSlaCalendar(input: { id: "${id}", name: "${name}", week: ${week} }, expectedVersion: 0) { id version } }`);
      expect(saved.errors).toBeUndefined();
    }
    const definitions: [string, number, number, string, string][] = [
      ['p1-resolution', 1, 4, 'berlin-office', 'svc-acceptance'],
      ['p2-resolution', 2, 8, 'berlin-office', 'svc-acceptance'],
      ['p3-resolution', 3, 24, 'berlin-office', 'svc-acceptance'],
      ['p4-caller-zone', 4, 1, 'berlin-office', 'svc-caller-zone'],
    ];
    for (const [id, priority, hours, calendar, service] of definitions) {
      const saved = await call(
        admin,
        `mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "${id}", name: "P${priority} resolution", kind: SLA, target: resolution, targetMinutes: ${hours * 60},
          appliesTo: { priorities: [${priority}], serviceIds: ["${service}"] }, conditions: ${RESOLUTION}, calendarId: "${calendar}", timeZone: "Europe/Berlin"${id === 'p4-caller-zone' ? ', timeZoneSource: caller' : ''} }) { id version } }`,
      );
      expect(saved.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await sla?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('P2 opened Friday 16:00 Berlin, 8 business hours: breaches Monday 16:00; on hold Monday 10-15 moves it to Tuesday 13:00', async () => {
    const [plain, held] = [randomUUID(), randomUUID()];
    await incident(plain, [opened('2026-11-13T15:00:00.000Z', 2, 'svc-acceptance')]);
    await incident(held, [
      opened('2026-11-13T15:00:00.000Z', 2, 'svc-acceptance'),
      ['work-started', '2026-11-16T08:30:00.000Z', { state: 'in_progress' }],
      ['put-on-hold', '2026-11-16T09:00:00.000Z', { state: 'on_hold', reason: 'awaiting_vendor' }],
      ['resumed', '2026-11-16T14:00:00.000Z', { state: 'in_progress', trigger: 'manual' }],
    ]);
    await expectEventually(async () => expect(await clocksOf(held)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });
    const [p] = await clocksOf(plain);
    expect(p).toMatchObject({ definitionId: 'p2-resolution', stage: 'breached', breachAt: '2026-11-16T15:00:00.000Z', breachedAt: '2026-11-16T15:00:00.000Z' });
    const [h] = await clocksOf(held);
    // On Hold is not consumed: 5 business hours paused, the breach moves by exactly that.
    expect(h).toMatchObject({ stage: 'breached', pausedSeconds: 5 * 3600, breachAt: '2026-11-17T12:00:00.000Z', originalBreachAt: '2026-11-16T15:00:00.000Z' });
    // The overdue thresholds are emitted (late, once) with their business due instants.
    await expectEventually(() => expect(distinct(thresholds(slaEvents.filter((e) => e.subject === held))).map(label)).toEqual(['50:2026-11-16T16:00:00.000Z', '75:2026-11-17T10:00:00.000Z', '100:2026-11-17T12:00:00.000Z']), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    // Its lifecycle in its own stream: started (due Monday 16:00 Berlin), paused with 2 business hours used
    // (Friday 16-17, Monday 09-10), rescheduled at 15:00 Berlin to Tuesday 13:00 (6 hours left).
    await expectEventually(
      () =>
        expect(distinct(lifecycle(slaEvents.filter((e) => e.subject === held))).map((e) => [e.type, e.sequence, (e.data as { dueAt: string }).dueAt, (e.data as { elapsedMs?: number }).elapsedMs ?? null])).toEqual([
          ['itsm.sla.clock-started.v1', 1, '2026-11-16T15:00:00.000Z', null],
          ['itsm.sla.clock-paused.v1', 2, '2026-11-16T15:00:00.000Z', 2 * HOUR],
          ['itsm.sla.clock-rescheduled.v1', 3, '2026-11-17T12:00:00.000Z', 2 * HOUR],
        ]),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  });

  it('P3 -> P1 keeps the elapsed time: the P1 clock starts retroactively, the P3 one is cancelled', async () => {
    const id = randomUUID();
    await incident(id, [
      opened('2026-11-16T08:00:00.000Z', 3, 'svc-acceptance'),
      ['reprioritised', '2026-11-16T10:30:00.000Z', { state: 'new', impact: 1, urgency: 1, priority: 1, previousImpact: 3, previousUrgency: 2, previousPriority: 3, cause: 'impact_urgency' }],
      ['resolved', '2026-11-16T11:00:00.000Z', { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'done', cause: 'manual', causeId: null }],
    ]);
    await expectEventually(async () => expect((await clocksOf(id)).map((c) => c.stage).sort()).toEqual(['achieved', 'cancelled']), { timeoutMs: 30_000, intervalMs: 250 });
    const clocks = await clocksOf(id);
    expect(clocks.find((c) => c.definitionId === 'p3-resolution')).toMatchObject({ stage: 'cancelled', cancelReason: 'no_longer_applies', elapsedSeconds: 2.5 * 3600 });
    // 08:00Z -> 11:00Z on Monday office hours: 3 business hours under the P1 target of 4 (not 30 minutes).
    expect(clocks.find((c) => c.definitionId === 'p1-resolution')).toMatchObject({ stage: 'achieved', elapsedSeconds: 3 * 3600, originalBreachAt: '2026-11-16T12:00:00.000Z' });
  });

  it('reporting counts what the SLA engine measured: a scripted history across business hours and suppliers gives the hand-computed MTTA, MTTR, compliance and scorecard', async () => {
    for (const [id, priority, hours] of [['rep-p1', 1, 4], ['rep-p2', 2, 8]] as const) {
      const saved = await call(
        admin,
        `mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "${id}", name: "Reported P${priority}", kind: SLA, target: resolution, targetMinutes: ${hours * 60},
          appliesTo: { priorities: [${priority}], serviceIds: ["svc-reporting"] }, conditions: ${RESOLUTION}, calendarId: "berlin-office", timeZone: "Europe/Berlin" }) { id version } }`,
      );
      expect(saved.errors).toBeUndefined();
    }
    const uc = await call(
      admin,
      `mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "rep-uc-contoso", name: "Contoso UC", kind: UC, scope: supplier_segment, target: resolution, targetMinutes: 240,
        appliesTo: { serviceIds: ["svc-reporting"], supplierOrgIds: ["contoso-rep"] }, conditions: ${RESOLUTION}, calendarId: "berlin-office", timeZone: "Europe/Berlin" }) { id version } }`,
    );
    expect(uc.errors).toBeUndefined();
    // The built reporting service on the same peers: ready only once its group has read the streams (projection-caught-up).
    const port = await freePort();
    const reporting = startApp('apps/reporting/src/main.js', { ...auth, ...peerServiceEnv(peers, { port, clientId: 'e2e-reporting', dbPrefix }), REPORTING_ROLLUP_MS: '200' });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, reporting);
      const resolved = { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'done', cause: 'manual', causeId: null };
      // A: P2 (8 business hours) opened Friday 16:00 Berlin, assigned to supplier Contoso 16:20, work started 16:30,
      //    handed to supplier Fabrikam Monday 09:30, resolved 10:00: business time Fri 16-17 + Mon 09-10 = 2 h (met);
      //    wall time 66 h; acknowledged after 30 min. Contoso held it 16:20 Friday to 09:30 Monday (65 h 10 min),
      //    its UC segment used Fri 16:20-17:00 + Mon 09:00-09:30 = 70 business minutes of 240 (met).
      const assigned = (at: string, groupId: string, orgId: string, previous: [string, string] | null) =>
        ['assigned', at, { state: at < '2026-11-13T15:30:00.000Z' ? 'new' : 'in_progress', groupId, orgId, assigneeId: null, previousGroupId: previous?.[0] ?? null, previousOrgId: previous?.[1] ?? null, previousAssigneeId: null }] as [string, string, Record<string, unknown>];
      await incident(randomUUID(), [
        opened('2026-11-13T15:00:00.000Z', 2, 'svc-reporting'),
        assigned('2026-11-13T15:20:00.000Z', 'g-contoso', 'contoso-rep', null),
        ['work-started', '2026-11-13T15:30:00.000Z', { state: 'in_progress' }],
        assigned('2026-11-16T08:30:00.000Z', 'g-fabrikam', 'fabrikam-services', ['g-contoso', 'contoso-rep']),
        ['resolved', '2026-11-16T09:00:00.000Z', resolved],
      ]);
      // B: P1 (4 business hours) opened Monday 09:00 Berlin, work started 09:10, on hold 10:00-12:00, resolved 17:00:
      //    business time used 09-10 + 12-17 = 6 h (breached at 15:00), paused 2 h; wall time 8 h; acknowledged after 10 min.
      await incident(randomUUID(), [
        opened('2026-11-16T08:00:00.000Z', 1, 'svc-reporting'),
        ['work-started', '2026-11-16T08:10:00.000Z', { state: 'in_progress' }],
        ['put-on-hold', '2026-11-16T09:00:00.000Z', { state: 'on_hold', reason: 'awaiting_vendor' }],
        ['resumed', '2026-11-16T11:00:00.000Z', { state: 'in_progress', trigger: 'manual' }],
        ['resolved', '2026-11-16T16:00:00.000Z', resolved],
      ]);
      const ask = async <T>(query: string): Promise<T> => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` }, body: JSON.stringify({ query }) });
        const answer = (await response.json()) as GraphqlAnswer<T>;
        expect(answer.errors).toBeUndefined();
        return answer.data!;
      };
      const NOVEMBER = '{ from: "2026-11-01", to: "2026-12-01", timeZone: "Europe/Berlin", grain: month }';
      await expectEventually(async () => {
        const { incidentReport } = await ask<{ incidentReport: unknown[] }>(
          `{ incidentReport(period: ${NOVEMBER}, filter: { dimension: service, value: "svc-reporting" }) { opened acknowledged resolved mttaMs mttrMs reopenRate } }`,
        );
        // MTTA (30 + 10 min) / 2 = 20 min; MTTR (66 h + 8 h) / 2 = 37 h.
        expect(incidentReport).toEqual([{ opened: 2, acknowledged: 2, resolved: 2, mttaMs: 20 * 60_000, mttrMs: 37 * HOUR, reopenRate: 0 }]);
        const { slaCompliance } = await ask<{ slaCompliance: { group: string }[] }>(`{ slaCompliance(period: ${NOVEMBER}, groupBy: definition) { group met breached compliance meanBusinessMs meanElapsedMs } }`);
        // Business-time MTTR per definition: elapsed + paused business time (B: 6 h + 2 h).
        expect(slaCompliance.filter((row) => row.group.startsWith('rep-'))).toEqual([
          { group: 'rep-p1', met: 0, breached: 1, compliance: 0, meanBusinessMs: 8 * HOUR, meanElapsedMs: 6 * HOUR },
          { group: 'rep-p2', met: 1, breached: 0, compliance: 1, meanBusinessMs: 2 * HOUR, meanElapsedMs: 2 * HOUR },
          { group: 'rep-uc-contoso', met: 1, breached: 0, compliance: 1, meanBusinessMs: 70 * 60_000, meanElapsedMs: 70 * 60_000 },
        ]);
        const { supplierScorecard } = await ask<{ supplierScorecard: unknown }>(
          `{ supplierScorecard(orgId: "contoso-rep", period: ${NOVEMBER}) { periods { acknowledged resolved handedOver holdsEnded meanHoldMs mttaMs } ucCompliance { met breached compliance meanElapsedMs } } }`,
        );
        // Contoso: acknowledged A while holding it (30 min), handed it over once after 65 h 10 min, its UC met in 70 min.
        expect(supplierScorecard).toEqual({
          periods: [{ acknowledged: 1, resolved: 0, handedOver: 1, holdsEnded: 1, meanHoldMs: (65 * 60 + 10) * 60_000, mttaMs: 30 * 60_000 }],
          ucCompliance: [{ met: 1, breached: 0, compliance: 1, meanElapsedMs: 70 * 60_000 }],
        });
      }, { timeoutMs: 60_000, intervalMs: 500 });
    } finally {
      await reporting.stop();
    }
  }, 180_000);

  it("takes the caller's time zone from the directory's person events (an older event never overwrites a newer one)", async () => {
    const directory = new DirectoryFeed();
    const personId = `p-${randomUUID().slice(0, 8)}`;
    const older = directory.person({ personId, userName: 'U-Tokyo', timeZone: 'America/New_York' });
    const newer = directory.person({ personId, userName: 'U-Tokyo', timeZone: 'Asia/Tokyo' }, 'itsm.directory.person-updated.v1');
    const records = [newer, older].map(encodeEnvelope);
    await producer.send({ topic: directoryTopic.name, acks: -1, messages: records.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
    // Monday 09:00 in Tokyo (00:00Z): one business hour of the office calendar, in the caller's zone, ends 10:00 Tokyo.
    const id = randomUUID();
    const [, at, data] = opened('2026-11-16T00:00:00.000Z', 4, 'svc-caller-zone');
    await incident(id, [['opened', at, { ...data, callerId: 'u-tokyo' }]]);
    await expectEventually(async () => expect(await clocksOf(id)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });
    // The directory's events and the incident's travel on different topics: derive again until the zone has arrived.
    await expectEventually(
      async () => {
        const repaired = await call<{ repairSlaClocks: ClockView[] }>(admin, 'mutation($id: ID!) { repairSlaClocks(incidentId: $id) { definitionId originalBreachAt } }', { id });
        expect(repaired.data?.repairSlaClocks).toEqual([{ definitionId: 'p4-caller-zone', originalBreachAt: '2026-11-16T01:00:00.000Z' }]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  it('rejects invalid definitions and calendars with a code, and saves nothing', async () => {
    const before = await call<{ slaDefinitions: { id: string }[] }>(admin, '{ slaDefinitions { id } }');
    const attempts: [string, string][] = [
      ['SLA.INVALID_CALENDAR', 'mutation { saveSlaCalendar(expectedVersion: 0, input: { id: "overlap", name: "Overlap", week: [{ day: mon, intervals: [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "17:00" }] }] }) { id } }'],
      ['SLA.UNKNOWN_TIME_ZONE', `mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "bad-zone", name: "Bad zone", kind: SLA, target: resolution, targetMinutes: 60, appliesTo: {}, conditions: ${RESOLUTION}, calendarId: "always", timeZone: "Mars/Olympus_Mons" }) { id } }`],
      ['SLA.INVALID_DEFINITION', 'mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "bad-state", name: "Bad state", kind: SLA, target: resolution, targetMinutes: 60, appliesTo: {}, conditions: { start: ["new"], pause: ["waiting_for_godot"], stop: ["resolved"] }, calendarId: "always", timeZone: "UTC" }) { id } }'],
    ];
    for (const [code, mutation] of attempts) {
      const answer = await call(admin, mutation);
      expect(answer.errors?.[0]?.extensions?.code).toBe(code);
    }
    const pause = await call(admin, attempts[2]![1]);
    expect(pause.errors?.[0]?.message).toContain('waiting_for_godot');
    expect(await call(admin, '{ slaDefinitions { id } }')).toEqual(before);
    expect((await call<{ slaCalendars: { id: string }[] }>(admin, '{ slaCalendars { id } }')).data!.slaCalendars.map((c) => c.id)).not.toContain('overlap');
  });

  it('dry run: shows what a longer P2 target would do to open tickets, without saving it', async () => {
    // Relative to now, so the test means the same on any date: the latest Friday 16:00 Berlin whose
    // 8-business-hour P2 target (Monday 16:00) has passed; the 80-hour target ends two weeks after
    // that Friday, always in the future (the Monday a week later is not yet past, else that Friday would be the latest).
    const friday = latestFridayBefore(Date.now() - 3 * DAY - HOUR);
    const id = randomUUID();
    await incident(id, [opened(berlinAt(friday, 16).toISOString(), 2, 'svc-acceptance')]);
    await expectEventually(async () => expect(await clocksOf(id)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });
    const answer = await call<{ slaDryRun: { changed: number; noLongerBreached: number; changes: { ticketId: string; after: { breachAt: string } }[] } }>(
      admin,
      `{ slaDryRun(definition: { id: "p2-resolution", name: "P2 resolution", kind: SLA, target: resolution, targetMinutes: 4800, appliesTo: { priorities: [2], serviceIds: ["svc-acceptance"] }, conditions: ${RESOLUTION}, calendarId: "berlin-office", timeZone: "Europe/Berlin" }) {
          changed noLongerBreached changes { ticketId after { breachAt } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const change = answer.data!.slaDryRun.changes.find((c) => c.ticketId === id);
    // 80 business hours from Friday 16:00: 1 h + 5 x 8 h + 4 x 8 h + 7 h on the Friday two weeks later -> 16:00 Berlin.
    expect(change?.after.breachAt).toBe(berlinAt(addDays(friday, 14), 16).toISOString());
    expect(answer.data!.slaDryRun.noLongerBreached).toBeGreaterThanOrEqual(1);
    expect((await clocksOf(id))[0]).toMatchObject({ breachAt: berlinAt(addDays(friday, 3), 16).toISOString() });
  });

  it('warnings at 50 % and 75 % and the breach each arrive once, on time, across two SIGKILLs and restarts', async () => {
    const saved = await call(
      admin,
      `mutation { saveSlaDefinition(expectedVersion: 0, input: { id: "timer-2min", name: "Two minutes, 24x7", kind: SLA, target: resolution, targetMinutes: 2,
        appliesTo: { serviceIds: ["svc-timers"] }, conditions: ${RESOLUTION}, calendarId: "always", timeZone: "UTC" }) { id } }`,
    );
    expect(saved.errors).toBeUndefined();
    const id = randomUUID();
    const openedAt = Date.now();
    await incident(id, [opened(new Date(openedAt).toISOString(), 4, 'svc-timers')]);
    await expectEventually(async () => expect(await clocksOf(id)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 250 });

    // Crash just before the 50 % warning falls due (60 s): it is emitted by the restarted process.
    await sleepUntil(openedAt + 57_000);
    sla.child.kill('SIGKILL');
    await startSla();
    const all = () => slaEvents.filter((e) => e.subject === id);
    const mine = () => thresholds(all());
    await expectEventually(() => expect(distinct(mine()).map((e) => percentOf(e))).toEqual([50]), { timeoutMs: 60_000, intervalMs: 100 });

    // Crash right after the 75 % warning was published (90 s): it must not come a second time as another event.
    await expectEventually(() => expect(distinct(mine()).map((e) => percentOf(e))).toEqual([50, 75]), { timeoutMs: 60_000, intervalMs: 50 });
    sla.child.kill('SIGKILL');
    await startSla();

    await expectEventually(() => expect(distinct(mine()).map((e) => percentOf(e))).toEqual([50, 75, 100]), { timeoutMs: 90_000, intervalMs: 100 });
    const breach = distinct(mine()).find((e) => percentOf(e) === 100)!;
    const data = breach.data as { dueAt: string; at: string };
    expect(data.dueAt).toBe(new Date(openedAt + 2 * 60_000).toISOString());
    // The breach fell due after the restarted replica owned the partition again: within a second.
    expect(Date.parse(data.at) - Date.parse(data.dueAt)).toBeLessThan(1_000);
    // Once each: any re-publication carries the same id and sequence; sequences number the stream 1..3.
    const byId = new Map<string, EventEnvelope[]>();
    for (const e of mine()) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    expect(byId.size).toBe(3);
    for (const copies of byId.values()) expect(new Set(copies.map((c) => `${c.sequence}:${percentOf(c)}`)).size).toBe(1);
    expect(distinct(mine()).map((e) => e.sequence)).toEqual([1, 2, 3]);
    // The clock's start was written once with the ticket's clocks: one event, whatever was published again.
    expect(lifecycle(all()).map((e) => [e.type, e.sequence, e.source])).toEqual(lifecycle(all()).map(() => ['itsm.sla.clock-started.v1', 1, '/itsm/sla/lifecycle']));
    expect(distinct(lifecycle(all()))).toHaveLength(1);
  }, 300_000);
});

const THRESHOLD_TYPES: readonly string[] = ['itsm.sla.clock-warning.v1', 'itsm.sla.clock-breached.v1'];

/** The warnings and breaches (the clocks' lifecycle events set aside). */
function thresholds(events: readonly EventEnvelope[]): EventEnvelope[] {
  return events.filter((e) => THRESHOLD_TYPES.includes(e.type));
}

/** The clocks' lifecycle events (started, paused, rescheduled, stopped, canceled). */
function lifecycle(events: readonly EventEnvelope[]): EventEnvelope[] {
  return events.filter((e) => e.type.startsWith('itsm.sla.clock-') && !THRESHOLD_TYPES.includes(e.type));
}

function percentOf(event: EventEnvelope): number {
  return event.type === 'itsm.sla.clock-breached.v1' ? 100 : (event.data as { thresholdPercent: number }).thresholdPercent;
}

/** One envelope per event id, in the order first seen. */
function distinct(events: readonly EventEnvelope[]): EventEnvelope[] {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

function label(event: EventEnvelope): string {
  return `${percentOf(event)}:${(event.data as { dueAt: string }).dueAt}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A civil date (year, month 1-12, day) of the Europe/Berlin calendar. */
type CivilDate = readonly [year: number, month: number, day: number];

function addDays([year, month, day]: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The instant of `hour`:00 Berlin time on a civil date (the offset read from the zone data, so DST holds). */
function berlinAt(date: CivilDate, hour: number): Date {
  const guess = Date.UTC(date[0], date[1] - 1, date[2], hour);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }).formatToParts(new Date(guess)).find((p) => p.type === 'timeZoneName')!.value;
  const hours = Number(/GMT([+-]\d+)?/.exec(offset)?.[1] ?? 0);
  return new Date(guess - hours * HOUR);
}

/** The latest Friday whose 16:00 Berlin is not after `instant`. */
function latestFridayBefore(instant: number): CivilDate {
  const utc = new Date(instant);
  let date: CivilDate = [utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()];
  while (new Date(Date.UTC(date[0], date[1] - 1, date[2])).getUTCDay() !== 5 || berlinAt(date, 16).getTime() > instant) date = addDays(date, -1);
  return date;
}

/** The scenario is about real time (a crash just before a due instant), so this waits for the clock, not for a condition. */
async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

