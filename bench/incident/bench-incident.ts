/**
 * npm run bench:incident — incidents opened per second and p50/p99 latency with CLIENTS concurrent
 * clients (closed loop) through the gateway, next to the same mutation sent straight to the incident
 * subgraph in the same run (the gateway overhead ratio); and incident writes/s through the
 * IncidentRepository (state + outbox in one insert) next to raw driver inserts of a document of the
 * same size, same concurrency, same run. Rounds alternate (A B, B A, ...); the best round of each
 * side is reported. Every response is checked: a GraphQL error or a malformed answer is a failure,
 * and any failure makes the exit code non-zero. The last line printed is one JSON object.
 *
 * Storage: MONGO_URL when set (databases `<MONGO_DB_PREFIX>_bench<random>_*`, dropped at the end),
 * else the embedded MongoDB-wire server. Knobs: BENCH_INCIDENT_REQUESTS, BENCH_INCIDENT_WRITES,
 * BENCH_INCIDENT_ROUNDS, BENCH_INCIDENT_CLIENTS.
 */
import { percentile } from '@itsm/bench-kit';
import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { createGatewayApp } from '@itsm/gateway';
import {
  DEFAULT_MAJOR_INCIDENT_RULES,
  DEFAULT_PRIORITY_MATRIX,
  IncidentRepository,
  incidentSchema,
  openIncident,
  priorityOf,
  incidentContext,
} from '@itsm/incident';
import type { Incident, IncidentDocument, IncidentEvent } from '@itsm/incident';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings } from '@itsm/platform/auth';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { connectContext, freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import type { MongoSettings, StoredDocument } from '@itsm/platform/persistence';
import { Type } from '@sinclair/typebox';
import mongoose, { Types } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench } from '@itsm/bench-kit';

const BenchEnv = Type.Object({
  /** Mutations per round and side (gateway / direct). */
  BENCH_INCIDENT_REQUESTS: Type.Integer({ minimum: 1, default: 1_500 }),
  /** Writes per round and side (repository / raw insert). */
  BENCH_INCIDENT_WRITES: Type.Integer({ minimum: 1, default: 3_000 }),
  BENCH_INCIDENT_ROUNDS: Type.Integer({ minimum: 1, default: 3 }),
  BENCH_INCIDENT_CLIENTS: Type.Integer({ minimum: 1, default: 20 }),
});

const env = loadConfig(envSchema(MongoEnv, BenchEnv), process.env);
const REQUESTS = env.BENCH_INCIDENT_REQUESTS;
const WRITES = env.BENCH_INCIDENT_WRITES;
const ROUNDS = env.BENCH_INCIDENT_ROUNDS;
const CLIENTS = env.BENCH_INCIDENT_CLIENTS;
const WARMUP_REQUESTS = 300;
const WARMUP_WRITES = 500;
const AUDIENCE = { issuer: 'itsm-bench', audience: 'itsm-bench-api' };
const OPEN = 'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id number priority } }';
const PROBE = '{ incidents(first: 1) { edges { cursor } } }';
const EXPECTED_PRIORITY = priorityOf(DEFAULT_PRIORITY_MATRIX, 2, 2);

interface Round {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Failures of every phase (warm-up included): each one is counted, the first few are shown. */
const failures = { count: 0, samples: new Map<string, number>() };

function fail(reason: string): void {
  failures.count++;
  const key = reason.slice(0, 300);
  if (failures.samples.has(key) || failures.samples.size < 5) failures.samples.set(key, (failures.samples.get(key) ?? 0) + 1);
}

/**
 * Runs `total` operations with `clients` workers in a closed loop (each starts its next operation
 * when the previous one answered). `op` records its own failures; a throw is recorded here.
 */
async function closedLoop(total: number, clients: number, op: (i: number) => Promise<boolean>): Promise<Round> {
  const latency = new Float64Array(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const sent = performance.now();
      try {
        await op(i);
      } catch (error: unknown) {
        fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
      latency[i] = performance.now() - sent;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(clients, total) }, worker));
  const elapsed = performance.now() - started;
  latency.sort();
  return { perSecond: Math.round((total / elapsed) * 1000), p50Ms: +percentile(latency, 0.5).toFixed(2), p99Ms: +percentile(latency, 0.99).toFixed(2) };
}

interface GraphqlAnswer {
  data?: { openIncident?: { id?: unknown; number?: unknown; priority?: unknown } | null; incidents?: unknown } | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: GraphqlAnswer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlAnswer };
}

/** One openIncident mutation, checked: HTTP 200, no GraphQL error, a well-formed incident back. */
async function openOne(url: string, token: string, i: number): Promise<boolean> {
  const { status, body } = await post(url, token, OPEN, { i: { title: `bench incident ${i}`, description: `opened by bench-incident, request ${i}`, impact: 2, urgency: 2 } });
  const error = body.errors?.[0];
  if (error) {
    fail(`HTTP ${status} ${error.extensions?.code ?? 'NO_CODE'}: ${error.message ?? ''}`);
    return false;
  }
  const opened = body.data?.openIncident;
  const ok =
    status === 200 &&
    typeof opened?.id === 'string' &&
    /^[0-9a-f]{24}$/.test(opened.id) &&
    typeof opened.number === 'string' &&
    /^INC\d+$/.test(opened.number) &&
    opened.priority === EXPECTED_PRIORITY;
  if (!ok) fail(`HTTP ${status}, unexpected answer: ${JSON.stringify(body).slice(0, 200)}`);
  return ok;
}

/** Composition is asynchronous: the gateway serves NOT_READY until its supergraph is built. */
async function waitUntilServing(url: string, token: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { status, body } = await post(url, token, PROBE);
      if (status === 200 && !body.errors && body.data?.incidents) return;
      last = `HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`;
    } catch (error: unknown) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not serve within ${timeoutMs} ms: ${last}`);
}

/** Waits until the service's outbox relay has published everything the run wrote. */
async function waitForOutbox(incidents: mongoose.mongo.Collection, side: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = 0;
  while (Date.now() < deadline) {
    pending = await incidents.countDocuments({ _outboxPending: true });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`${side}: ${pending} incidents still had unpublished events ${timeoutMs} ms after the run`);
}

type IncidentModel = Model<StoredDocument<IncidentDocument>>;

let incidentCounter = 0;

/** Incidents built by the domain ahead of a round (the round times the writes only). */
function buildIncidents(count: number): { incident: Incident; events: IncidentEvent[] }[] {
  const at = new Date();
  return Array.from({ length: count }, () => {
    const n = ++incidentCounter;
    return openIncident(
      {
        id: new Types.ObjectId().toHexString(),
        number: `INC${String(n).padStart(7, '0')}`,
        title: `bench incident ${n}`,
        description: `written by bench-incident, write ${n}`,
        callerId: 'u-agent',
        callerOrgId: null,
        category: null,
        impact: 2,
        urgency: 2,
        serviceId: null,
        configurationItemIds: [],
        group: null,
        assigneeId: null,
      },
      DEFAULT_PRIORITY_MATRIX,
      { by: 'u-agent', at },
    );
  });
}

async function repositoryRound(repository: IncidentRepository, count: number): Promise<Round> {
  const batch = buildIncidents(count);
  return closedLoop(count, CLIENTS, async (i) => {
    const { incident, events } = batch[i]!;
    const result = await repository.create(incident, events);
    if (result.status !== 'saved') fail(`repository.create answered ${result.status}`);
    return result.status === 'saved';
  });
}

async function rawRound(collection: mongoose.mongo.Collection, template: Record<string, unknown>, count: number): Promise<Round> {
  const documents = Array.from({ length: count }, () => ({ ...template, _id: new Types.ObjectId() }));
  return closedLoop(count, CLIENTS, async (i) => {
    const result = await collection.insertOne(documents[i]!);
    if (!result.acknowledged) fail('raw insertOne was not acknowledged');
    return result.acknowledged;
  });
}

const best = (rounds: readonly Round[]): Round => rounds.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
const show = (r: Round, unit: string): string => `${String(r.perSecond).padStart(6)} ${unit}/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`;

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo() : undefined;
  if (embedded) cleanup.push(() => embedded.stop());
  // The embedded URL asks for polling server monitoring (CongoDB cannot serve the streaming one).
  const url = embedded ? embedded.url : (env.MONGO_URL ?? '');
  const mongo: MongoSettings = { url, dbPrefix: `${env.MONGO_DB_PREFIX}_bench${randomUUID().slice(0, 8)}` };
  const keyDir = await mkdtemp(join(tmpdir(), 'itsm-bench-'));
  cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
  try {
    const keyFile = join(keyDir, 'dev-key.json');
    const token = await issueDevToken(keyFile, { sub: 'u-agent', name: 'Agent', roles: ['agent'] }, AUDIENCE);
    const auth: AuthSettings = { source: { kind: 'dev-key', file: keyFile }, ...AUDIENCE };
    // The bench's own connection to the service's database: checks, resets, the write comparison.
    // With MONGO_URL its (uniquely named) database is dropped once the services have stopped.
    const serviceDb: Connection = await connectContext(mongo, 'incident');
    cleanup.push(async () => {
      if (!embedded) await serviceDb.dropDatabase();
      await serviceDb.close();
    });
    const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
    cleanup.push(() => bus.close());

    const incidentPort = await freePort();
    const { app: incidentApp } = await startContext(
      incidentContext,
      { nodeEnv: 'production', logLevel: 'warn', mongo, auth, bus },
      { autoCloseDays: 7, autoCloseIntervalMs: 3_600_000, majorIncidentRules: DEFAULT_MAJOR_INCIDENT_RULES },
      { port: incidentPort, host: '127.0.0.1' },
    );
    cleanup.push(() => incidentApp.close());
    const subgraphUrl = `http://127.0.0.1:${incidentPort}/graphql`;

    const gatewayPort = await freePort();
    const gatewayApp = await createGatewayApp(
      { subgraphs: [{ name: 'incident', url: subgraphUrl }], auth, limits: { maxDepth: 10, maxCost: 5000, maxAliases: 10 }, nodeEnv: 'production' },
      { port: gatewayPort, host: '127.0.0.1', logLevel: 'warn', shutdownHooks: false },
    );
    cleanup.push(() => gatewayApp.close());
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    await waitUntilServing(subgraphUrl, token);
    await waitUntilServing(gatewayUrl, token);

    const incidents = serviceDb.collection('incidents');

    // --- Part 1: openIncident through the gateway vs straight to the subgraph. ---
    const sides = {
      gateway: (i: number) => openOne(gatewayUrl, token, i),
      subgraph: (i: number) => openOne(subgraphUrl, token, i),
    };
    /**
     * One measured (or warm-up) run of `count` mutations on an empty incidents collection: CongoDB
     * scans instead of using indexes, so the relay's `_outboxPending` query slows down as the
     * collection grows; starting every run from the same state keeps the sides comparable. After
     * the run, every acknowledged incident must be stored and its outbox relayed.
     */
    const openRun = async (side: keyof typeof sides, count: number): Promise<Round> => {
      await incidents.deleteMany({});
      const failedBefore = failures.count;
      const result = await closedLoop(count, CLIENTS, sides[side]);
      await waitForOutbox(incidents, side);
      const stored = await incidents.countDocuments({});
      const acknowledged = count - (failures.count - failedBefore);
      if (stored !== acknowledged) fail(`${side}: the incident service stored ${stored} incidents, ${acknowledged} were acknowledged`);
      return result;
    };
    await openRun('subgraph', WARMUP_REQUESTS);
    await openRun('gateway', WARMUP_REQUESTS);
    const http: Record<keyof typeof sides, Round[]> = { gateway: [], subgraph: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const order: (keyof typeof sides)[] = round % 2 === 1 ? ['gateway', 'subgraph'] : ['subgraph', 'gateway'];
      for (const side of order) http[side].push(await openRun(side, REQUESTS));
      console.log(`open round ${round}: gateway ${JSON.stringify(http.gateway.at(-1))} subgraph ${JSON.stringify(http.subgraph.at(-1))}`);
    }

    // --- Part 2: IncidentRepository.create vs raw insertOne of an equally sized document. ---
    const model = serviceDb.model('Incident', incidentSchema, 'bench_incidents') as unknown as IncidentModel;
    await model.init();
    const repository = new IncidentRepository(model, () => undefined);
    const raw = serviceDb.getClient().db(serviceDb.name).collection('bench_raw_inserts');
    const writeRun = async (side: 'repository' | 'raw', count: number, template: Record<string, unknown>): Promise<Round> => {
      const collection = side === 'repository' ? model.collection : raw;
      await collection.deleteMany({});
      const result = side === 'repository' ? await repositoryRound(repository, count) : await rawRound(raw, template, count);
      const stored = await collection.countDocuments({});
      if (stored !== count) fail(`${side}: ${stored} documents stored, ${count} written`);
      return result;
    };
    await writeRun('repository', WARMUP_WRITES, {});
    // The raw side inserts copies of a document the repository wrote (fresh _id): same fields, same bytes.
    const { _id: _ignored, ...template } = (await model.collection.findOne({})) ?? {};
    const repositoryBytes = mongoose.mongo.BSON.calculateObjectSize(template);
    await writeRun('raw', WARMUP_WRITES, template);
    const { _id: _rawId, ...rawDocument } = (await raw.findOne({})) ?? {};
    const rawBytes = mongoose.mongo.BSON.calculateObjectSize(rawDocument);
    const writes: { repository: Round[]; raw: Round[] } = { repository: [], raw: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? (['repository', 'raw'] as const) : (['raw', 'repository'] as const);
      for (const side of order) writes[side].push(await writeRun(side, WRITES, template));
      console.log(`write round ${round}: repository ${JSON.stringify(writes.repository.at(-1))} raw ${JSON.stringify(writes.raw.at(-1))}`);
    }

    const g = best(http.gateway);
    const s = best(http.subgraph);
    const r = best(writes.repository);
    const w = best(writes.raw);
    const overhead = +(s.perSecond / g.perSecond).toFixed(3);
    const repositoryRatio = +(r.perSecond / w.perSecond).toFixed(3);
    console.log(`storage: ${embedded ? 'embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL'}; ${CLIENTS} concurrent clients, closed loop; ${ROUNDS} alternating rounds, best round of each`);
    console.log(`openIncident, ${REQUESTS} per round (after ${WARMUP_REQUESTS} warm-up each side):`);
    console.log(`  through gateway : ${show(g, 'opened')}`);
    console.log(`  direct subgraph : ${show(s, 'opened')}`);
    console.log(`  gateway overhead ratio (direct/gateway throughput): ${overhead}; p50 +${(g.p50Ms - s.p50Ms).toFixed(2)} ms, p99 +${(g.p99Ms - s.p99Ms).toFixed(2)} ms`);
    console.log(`incident writes, ${WRITES} per round, ${CLIENTS} in flight (document ${repositoryBytes} B via repository, ${rawBytes} B raw, _id excluded):`);
    console.log(`  IncidentRepository.create : ${show(r, 'writes')}`);
    console.log(`  raw insertOne             : ${show(w, 'writes')}`);
    console.log(`  repository/raw throughput ratio: ${repositoryRatio}`);
    console.log(`failures: ${failures.count}${failures.count === 0 ? '' : ' (must be 0)'}`);
    for (const [reason, count] of failures.samples) console.log(`  ${count} x ${reason}`);
    console.log(
      JSON.stringify({
        bench: 'incident',
        storage: embedded ? 'embedded' : 'mongo_url',
        clients: CLIENTS,
        rounds: ROUNDS,
        requests_per_round: REQUESTS,
        writes_per_round: WRITES,
        gateway_open_per_s: g.perSecond,
        gateway_p50_ms: g.p50Ms,
        gateway_p99_ms: g.p99Ms,
        subgraph_open_per_s: s.perSecond,
        subgraph_p50_ms: s.p50Ms,
        subgraph_p99_ms: s.p99Ms,
        gateway_overhead_ratio: overhead,
        gateway_added_p50_ms: +(g.p50Ms - s.p50Ms).toFixed(2),
        gateway_added_p99_ms: +(g.p99Ms - s.p99Ms).toFixed(2),
        repository_writes_per_s: r.perSecond,
        repository_p50_ms: r.p50Ms,
        repository_p99_ms: r.p99Ms,
        raw_insert_per_s: w.perSecond,
        raw_insert_p50_ms: w.p50Ms,
        raw_insert_p99_ms: w.p99Ms,
        repository_vs_raw_ratio: repositoryRatio,
        document_bytes: repositoryBytes,
        failures: failures.count,
      }),
    );
    return failures.count === 0 ? 0 : 1;
  } finally {
    for (const step of cleanup.reverse()) {
      await step().catch((error: unknown) => console.error('cleanup step failed:', error));
    }
  }
}

runBench(main);
