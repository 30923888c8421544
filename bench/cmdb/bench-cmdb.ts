/**
 * npm run bench:cmdb — the CMDB's impact index and bulk reconciliation at size, each figure next to
 * a baseline measured in the same run.
 *
 * 1. A generated CMDB (topology.ts: CMDB_BENCH_CIS CIs, CMDB_BENCH_RELATIONSHIPS relationships,
 *    seeded) written to `cmdb_cis` / `cmdb_relationships` in the service's document format: the
 *    first CMDB_BENCH_REPO_SAMPLE of each through CiRepository.create / RelationshipRepository.create,
 *    their events published through MongoOutboxStore (the relay's store), the rest in bulk in the
 *    identical shape (checked field for field).
 * 2. The impact index loaded as CmdbIndexService.start() does (CiRepository.forEach, then
 *    RelationshipRepository.forEach into an ImpactIndex, then its walk snapshot): time, and the
 *    memory it holds (heap + typed arrays) after full GCs, per CI and per relationship, next to the naive representation of the same data (a Map of
 *    CI id -> { ci, out: relationship objects, in: relationship objects }).
 * 3. Impact latency, CMDB_BENCH_QUERIES queries after CMDB_BENCH_WARMUP (target: p95 under 10 ms on
 *    every question): downstream from the core
 *    switches and upstream from business services (every type, redundancy, status), and the same
 *    origins restricted to the target_to_source types (what `$graphLookup` can answer), plus
 *    downstream from standalone VM hosts (measured once the embedded server is quiet, before the
 *    baselines are loaded); a bare CSR walk of the same graph from the same origins (the floor:
 *    no types, states, redundancy or listing); the first query after a relationship change (the
 *    walk snapshot follows the change, no rebuild); the naive Map's breadth-first walk on the restricted questions,
 *    whose counts must equal the index's.
 * 4. The restricted questions answered by MongoDB `$graphLookup` + a name/class fetch by `_id`
 *    (CMDB_BENCH_GRAPHLOOKUP_SAMPLES origins each, CMDB_BENCH_GRAPHLOOKUP_TIMEOUT_S per sample; the
 *    embedded server cannot abort a query, so a timed-out sample kills it, and it is restarted and
 *    reloaded when questions remain). Impacted counts must equal the index's.
 * 5. Bulk reconciliation into a fresh database: CMDB_BENCH_FEED new CIs through
 *    ReportDiscoveredCiHandler (CMDB_BENCH_FEED_CONCURRENCY in flight), checked for duplicates;
 *    CMDB_BENCH_UPDATES of them re-reported by another source (updates); CMDB_BENCH_RACE_ITEMS new
 *    CIs fed by two replicas at once (two concurrent loops, separate identity caches) into another
 *    fresh database: one CI each.
 *
 * The last line printed is one JSON object; a correctness failure makes the exit code non-zero (a
 * missed target does not). Storage: MONGO_URL when set (databases `<MONGO_DB_PREFIX>_bench<random>*`,
 * dropped at the end), else the embedded MongoDB-wire server (CongoDB, in a child process, given
 * CMDB_BENCH_MONGO_HEAP_MB of heap).
 */
import { cmdbTopic } from '@itsm/contracts';
import { CiRepository, ciSchema, CmdbDataModel, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES, ImpactIndex, RelationshipRepository, relationshipSchema, ReportDiscoveredCiCommand, toIndexedCi } from '@itsm/cmdb';
import type { CiDocument, ImpactDirection, ImpactQuery, ImpactResult, RelationshipDocument } from '@itsm/cmdb';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { connectContext, MongoOutboxStore, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { EmbeddedMongo, StoredDocument } from '@itsm/platform/persistence';
import { Type } from '@sinclair/typebox';
import mongoose from 'mongoose';
import type { Connection, Model, mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { bareCsr, graphLookupImpact, naiveAddCi, naiveAddRelationship, naiveReach } from './baselines';
import type { GraphLookupAnswer, GraphLookupProgress, NaiveGraph } from './baselines';
import { buildCi, buildRelationship, ciDocument, firstDifference, relationshipDocument, relationshipEvent } from './documents';
import { closedLoop, discovery, ensureSources, rescan, startReplica } from './feed';
import type { Replica } from './feed';
import { embeddedChild, gcAvailable, latency, quietStorage, round, settledHeap, showLatency } from './measure';
import type { Latency } from './measure';
import { generateTopology, TARGET_TO_SOURCE_TYPES } from './topology';
import type { GeneratedCi, Topology } from './topology';
import { runAfterChange, runBare } from './walks';

const BenchEnv = Type.Object({
  CMDB_BENCH_CIS: Type.Integer({ minimum: 2_000, default: 100_000 }),
  CMDB_BENCH_RELATIONSHIPS: Type.Integer({ minimum: 1, default: 300_000 }),
  CMDB_BENCH_SEED: Type.Integer({ default: 20_251_122 }),
  /** Hops of every impact question (enough for core switch -> business service). */
  CMDB_BENCH_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 25, default: 15 }),
  /** CIs listed (with names and paths) per answer; counts stay exact. */
  CMDB_BENCH_LIMIT: Type.Integer({ minimum: 1, default: 1_000 }),
  CMDB_BENCH_QUERIES: Type.Integer({ minimum: 1, default: 200 }),
  CMDB_BENCH_WARMUP: Type.Integer({ minimum: 0, default: 50 }),
  /** Queries of the naive Map walk per question (also the origins whose counts are cross-checked). */
  CMDB_BENCH_NAIVE_QUERIES: Type.Integer({ minimum: 1, default: 20 }),
  CMDB_BENCH_GRAPHLOOKUP_SAMPLES: Type.Integer({ minimum: 0, default: 5 }),
  CMDB_BENCH_GRAPHLOOKUP_TIMEOUT_S: Type.Number({ minimum: 1, default: 60 }),
  /** CIs and relationships written through the repositories (the rest in bulk, same shape). */
  CMDB_BENCH_REPO_SAMPLE: Type.Integer({ minimum: 1, default: 500 }),
  CMDB_BENCH_FEED: Type.Integer({ minimum: 1, default: 100_000 }),
  CMDB_BENCH_FEED_CONCURRENCY: Type.Integer({ minimum: 1, default: 16 }),
  /** CIs of the feed re-reported by another source (each a full scan or three on CongoDB). */
  CMDB_BENCH_UPDATES: Type.Integer({ minimum: 0, default: 300 }),
  CMDB_BENCH_RACE_ITEMS: Type.Integer({ minimum: 0, default: 1_000 }),
  /** Heap limit of the embedded MongoDB child (it holds everything in memory). */
  CMDB_BENCH_MONGO_HEAP_MB: Type.Integer({ minimum: 512, default: 8_192 }),
});

const env = loadConfig(envSchema(MongoEnv, BenchEnv), process.env);
const N_CIS = env.CMDB_BENCH_CIS;
const N_RELS = env.CMDB_BENCH_RELATIONSHIPS;
const MAX_DEPTH = env.CMDB_BENCH_MAX_DEPTH;
const LIMIT = env.CMDB_BENCH_LIMIT;
const TIMEOUT_MS = Math.round(env.CMDB_BENCH_GRAPHLOOKUP_TIMEOUT_S * 1000);
const LATENCY_TARGET_MS = 10;
const SPEEDUP_TARGET = 10;
/** CongoDB handles big insert messages badly (bench/sla): 250 documents x 4 in flight. */
const WRITE_BATCH = 250;
const WRITES_IN_FLIGHT = 4;
const REPO_CONCURRENCY = 16;
const MB = 1_048_576;

/** Failures of every phase: each one is counted, the first few are shown. */
const failures = { count: 0, samples: new Map<string, number>() };

function fail(reason: string): void {
  failures.count++;
  const key = reason.slice(0, 300);
  if (failures.samples.has(key) || failures.samples.size < 10) failures.samples.set(key, (failures.samples.get(key) ?? 0) + 1);
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
const wallStarted = performance.now();
const log = (line: string): void => console.log(line);
const progress = (line: string): void => console.log(`  [${Math.round((performance.now() - wallStarted) / 1000)} s] ${line}`);
const elapsed = (since: number): number => performance.now() - since;
const perSecond = (count: number, ms: number): number => Math.round((count / Math.max(ms, 1e-6)) * 1000);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What the service logs (CmdbIndexService); warnings and errors are failures (none is expected). */
const benchLogger = {
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  warn: (obj: unknown, msg?: string) => fail(`service warned: ${msg ?? ''} ${JSON.stringify(obj)?.slice(0, 200)}`),
  error: (obj: unknown, msg?: string) => fail(`service error: ${msg ?? ''} ${JSON.stringify(obj)?.slice(0, 200)}`),
  fatal: (obj: unknown, msg?: string) => fail(`service fatal: ${msg ?? ''} ${JSON.stringify(obj)?.slice(0, 200)}`),
} as unknown as Logger;

// ------------------------------------------------------------------------------------------ storage

/** The long graph lookups block the embedded server: the driver must not give up on it meanwhile. */
const withPatientMonitor = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}heartbeatFrequencyMS=3600000`;

async function startEmbedded(): Promise<EmbeddedMongo> {
  const previous = process.env['NODE_OPTIONS'];
  process.env['NODE_OPTIONS'] = `${previous ?? ''} --max-old-space-size=${env.CMDB_BENCH_MONGO_HEAP_MB}`.trim();
  try {
    const embedded = await startEmbeddedMongo();
    return { url: withPatientMonitor(embedded.url), stop: embedded.stop };
  } finally {
    if (previous === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = previous;
  }
}

/** Stops an embedded server that may be stuck in a query (it cannot be interrupted): SIGKILL to the child this process started. */
async function killEmbedded(embedded: EmbeddedMongo): Promise<void> {
  const child = embeddedChild(embedded.url);
  if (child !== undefined) process.kill(child.pid, 'SIGKILL');
  await embedded.stop();
}

interface GraphStore {
  readonly embedded: EmbeddedMongo | undefined;
  readonly connection: Connection;
  readonly db: mongo.Db;
  readonly ciModel: Model<StoredDocument<CiDocument>>;
  readonly relationshipModel: Model<StoredDocument<RelationshipDocument>>;
  readonly cis: CiRepository;
  readonly relationships: RelationshipRepository;
}

const noop = (): void => undefined;

async function openGraphStore(dbPrefix: string): Promise<GraphStore> {
  const embedded = env.MONGO_URL === undefined ? await startEmbedded() : undefined;
  const url = embedded ? embedded.url : withPatientMonitor(env.MONGO_URL ?? '');
  const connection = await connectContext({ url, dbPrefix }, 'cmdb');
  const ciModel = connection.model('ConfigurationItem', ciSchema) as unknown as Model<StoredDocument<CiDocument>>;
  const relationshipModel = connection.model('CmdbRelationship', relationshipSchema) as unknown as Model<StoredDocument<RelationshipDocument>>;
  await Promise.all([ciModel.init(), relationshipModel.init()]);
  return {
    embedded,
    connection,
    db: connection.getClient().db(connection.name),
    ciModel,
    relationshipModel,
    cis: new CiRepository(ciModel, noop),
    relationships: new RelationshipRepository(relationshipModel, noop),
  };
}

async function closeGraphStore(store: GraphStore, kill: boolean): Promise<void> {
  if (store.embedded && kill) await killEmbedded(store.embedded);
  if (!store.embedded) await store.connection.dropDatabase().catch(noop);
  await store.connection.close(true).catch(noop);
  if (store.embedded && !kill) await store.embedded.stop();
}

// ------------------------------------------------------------------------------------------ 1. write

interface WriteFigures {
  repoCis: number;
  repoCisPerSecond: number;
  repoRelationships: number;
  repoRelationshipsPerSecond: number;
  published: number;
  bulkDocs: number;
  bulkMs: number;
  ciDocBytes: number;
  relationshipDocBytes: number;
}

async function bulkInsert(collection: mongo.Collection, from: number, to: number, build: (i: number) => Record<string, unknown>, label: string): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let nextReport = from + 100_000;
  for (let i = from; i < to; ) {
    const docs: Record<string, unknown>[] = [];
    for (const end = Math.min(to, i + WRITE_BATCH); i < end; i += 1) docs.push(build(i));
    const write = collection
      .insertMany(docs, { ordered: false })
      .then((result) => {
        if (result.insertedCount !== docs.length) fail(`${label}: ${docs.length - result.insertedCount} of a batch not inserted`);
      })
      .catch((error: unknown) => fail(`${label} bulk write: ${describe(error)}`));
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
    if (i >= nextReport) {
      progress(`${label}: ${i} written`);
      nextReport += 100_000;
    }
  }
  await Promise.all(inFlight);
}

/**
 * Writes the generated CMDB: the first `sample` CIs and relationships through the repositories
 * (their outboxes then published through MongoOutboxStore, as the relay does), the rest in bulk in
 * the same shape; checks the shape and the counts.
 */
async function writeCmdb(store: GraphStore, topology: Topology, dataModel: CmdbDataModel, sample: number): Promise<WriteFigures> {
  const cisRaw = store.db.collection('cmdb_cis');
  const relsRaw = store.db.collection('cmdb_relationships');
  const repoCis = Math.min(sample, topology.cis.length);
  const repoRelationships = Math.min(sample, topology.relationships.count);
  let t = performance.now();
  await closedLoop(
    repoCis,
    REPO_CONCURRENCY,
    async (i) => {
      const { ci, event } = buildCi(dataModel, topology.cis[i] as GeneratedCi);
      if ((await store.cis.create(ci, [event])).status !== 'saved') fail(`CiRepository.create did not save ${ci.id}`);
    },
    (error) => fail(`CiRepository.create: ${describe(error)}`),
  );
  const repoCisMs = elapsed(t);
  t = performance.now();
  await closedLoop(
    repoRelationships,
    REPO_CONCURRENCY,
    async (i) => {
      const relationship = buildRelationship(topology, i);
      if ((await store.relationships.create(relationship, [relationshipEvent(relationship)])).status !== 'saved') fail(`RelationshipRepository.create did not save ${relationship.id}`);
    },
    (error) => fail(`RelationshipRepository.create: ${describe(error)}`),
  );
  const repoRelationshipsMs = elapsed(t);
  // The relay's store marks them published (no bus: only the stored state matters here).
  let published = 0;
  for (const model of [store.ciModel, store.relationshipModel]) {
    const outbox = new MongoOutboxStore(cmdbTopic.name, model as never);
    for (;;) {
      const pending = await outbox.pending(500);
      if (pending.length === 0) break;
      for (const item of pending) {
        await outbox.markPublished(item);
        published += item.events.length;
      }
    }
  }
  if (repoCis > 0) {
    const first = buildCi(dataModel, topology.cis[0] as GeneratedCi).ci;
    const stored = await cisRaw.findOne({ _id: new mongoose.Types.ObjectId(first.id) });
    const difference = firstDifference(stored, ciDocument(first));
    if (difference !== null) fail(`bulk CI document differs from CiRepository's: ${difference}`);
  }
  if (repoRelationships > 0) {
    const first = buildRelationship(topology, 0);
    const stored = await relsRaw.findOne({ _id: new mongoose.Types.ObjectId(first.id) });
    const difference = firstDifference(stored, relationshipDocument(first));
    if (difference !== null) fail(`bulk relationship document differs from RelationshipRepository's: ${difference}`);
  }
  const ciDocBytes = mongoose.mongo.BSON.calculateObjectSize(ciDocument(buildCi(dataModel, topology.cis[Math.floor(topology.cis.length / 2)] as GeneratedCi).ci));
  const relationshipDocBytes = mongoose.mongo.BSON.calculateObjectSize(relationshipDocument(buildRelationship(topology, Math.floor(topology.relationships.count / 2))));

  t = performance.now();
  await bulkInsert(cisRaw, repoCis, topology.cis.length, (i) => ciDocument(buildCi(dataModel, topology.cis[i] as GeneratedCi).ci), 'cmdb_cis');
  await bulkInsert(relsRaw, repoRelationships, topology.relationships.count, (i) => relationshipDocument(buildRelationship(topology, i)), 'cmdb_relationships');
  const bulkMs = elapsed(t);
  const [storedCis, storedRelationships] = await Promise.all([cisRaw.estimatedDocumentCount(), relsRaw.estimatedDocumentCount()]);
  if (storedCis !== topology.cis.length) fail(`cmdb_cis holds ${storedCis} documents, ${topology.cis.length} written`);
  if (storedRelationships !== topology.relationships.count) fail(`cmdb_relationships holds ${storedRelationships} documents, ${topology.relationships.count} written`);
  return {
    repoCis,
    repoCisPerSecond: perSecond(repoCis, repoCisMs),
    repoRelationships,
    repoRelationshipsPerSecond: perSecond(repoRelationships, repoRelationshipsMs),
    published,
    bulkDocs: topology.cis.length - repoCis + topology.relationships.count - repoRelationships,
    bulkMs,
    ciDocBytes,
    relationshipDocBytes,
  };
}

// ------------------------------------------------------------------------------------------ 2. load

interface LoadFigures {
  cis: number;
  relationships: number;
  cisMs: number;
  relationshipsMs: number;
  /** Of the load, the time spent applying the batches (the rest is reading and decoding). */
  applyMs: number;
  /** After the load, building the walk snapshot (ImpactIndex.prepareWalks, as CmdbIndexService.start() does); null for the naive Map. */
  snapshotMs: number | null;
  bytesPerCi: number;
  bytesPerRelationship: number;
  heapMb: number;
}

const showLoad = (l: LoadFigures): string =>
  `${l.cis} CIs in ${Math.round(l.cisMs)} ms + ${l.relationships} relationships in ${Math.round(l.relationshipsMs)} ms = ${perSecond(l.cis + l.relationships, l.cisMs + l.relationshipsMs)} items/s ` +
  `(applying them ${Math.round(l.applyMs)} ms, the rest is the MongoDB reads)${l.snapshotMs !== null ? `, then the walk snapshot in ${Math.round(l.snapshotMs)} ms` : ''}; ` +
  `memory held (heap + typed arrays) ${l.heapMb} MB = ${l.bytesPerCi} B per CI + ${l.bytesPerRelationship} B per relationship`;

/**
 * CmdbIndexService.start()'s loop (and applyRelationship), with a settled heap reading after each
 * part. Like applyRelationship, the index is given only { id, typeId, sourceId, targetId }.
 */
async function loadIndex(store: GraphStore, dataModel: CmdbDataModel): Promise<{ index: ImpactIndex; figures: LoadFigures }> {
  const h0 = await settledHeap();
  let applyMs = 0;
  let t = performance.now();
  const index = new ImpactIndex(dataModel.relationshipTypes());
  const cis = await store.cis.forEach((batch) => {
    const a = performance.now();
    for (const ci of batch) {
      if (ci.state === 'retired') index.retireCi(ci.id, ci.sequence);
      else index.upsertCi(toIndexedCi(dataModel, ci), ci.sequence);
    }
    applyMs += elapsed(a);
  });
  const cisMs = elapsed(t);
  const h1 = await settledHeap();
  t = performance.now();
  const relationships = await store.relationships.forEach((batch) => {
    const a = performance.now();
    for (const r of batch) {
      if (r.state !== 'active') index.removeRelationship(r.id, r.sequence);
      else index.addRelationship({ id: r.id, typeId: r.typeId, sourceId: r.sourceId, targetId: r.targetId }, r.sequence);
    }
    applyMs += elapsed(a);
  });
  const relationshipsMs = elapsed(t);
  t = performance.now();
  index.prepareWalks();
  const snapshotMs = elapsed(t);
  const h2 = await settledHeap();
  return {
    index,
    figures: { cis, relationships, cisMs, relationshipsMs, applyMs, snapshotMs, bytesPerCi: Math.round((h1 - h0) / Math.max(1, cis)), bytesPerRelationship: Math.round((h2 - h1) / Math.max(1, relationships)), heapMb: round((h2 - h0) / MB) },
  };
}

/** The naive representation from the same reads: Map of CI id -> { ci, out, in } with the relationship objects as read. */
async function loadNaive(store: GraphStore, dataModel: CmdbDataModel): Promise<{ graph: NaiveGraph; figures: LoadFigures }> {
  const h0 = await settledHeap();
  let applyMs = 0;
  let t = performance.now();
  const graph: NaiveGraph = new Map();
  const cis = await store.cis.forEach((batch) => {
    const a = performance.now();
    for (const ci of batch) if (ci.state === 'active') naiveAddCi(graph, toIndexedCi(dataModel, ci));
    applyMs += elapsed(a);
  });
  const cisMs = elapsed(t);
  const h1 = await settledHeap();
  t = performance.now();
  const relationships = await store.relationships.forEach((batch) => {
    const a = performance.now();
    for (const r of batch) naiveAddRelationship(graph, r);
    applyMs += elapsed(a);
  });
  const relationshipsMs = elapsed(t);
  const h2 = await settledHeap();
  return {
    graph,
    figures: { cis, relationships, cisMs, relationshipsMs, applyMs, snapshotMs: null, bytesPerCi: Math.round((h1 - h0) / Math.max(1, cis)), bytesPerRelationship: Math.round((h2 - h1) / Math.max(1, relationships)), heapMb: round((h2 - h0) / MB) },
  };
}

// ------------------------------------------------------------------------------------------ 3. latency

interface Question {
  readonly key: string;
  readonly label: string;
  readonly direction: ImpactDirection;
  /** Undefined: every type (the service's question); else the target_to_source types. */
  readonly types: readonly string[] | undefined;
  readonly origins: readonly string[];
}

interface IndexRun {
  readonly latency: Latency;
  readonly impactedAvg: number;
  readonly impactedMin: number;
  readonly impactedMax: number;
  readonly servicesAvg: number;
  readonly listedAvg: number;
  readonly depthLimitReached: number;
  readonly redundancyHeldAvg: number;
  /** This process's GC pauses during the timed queries (their allocation: listed CIs with paths). */
  readonly gcPauses: number;
  readonly gcPauseMaxMs: number;
  readonly gcPauseTotalMs: number;
}

const queryOf = (q: Question, origin: string, limit = LIMIT): ImpactQuery => ({ from: [origin], direction: q.direction, maxDepth: MAX_DEPTH, limit, ...(q.types ? { relationshipTypes: q.types } : {}) });

async function runIndex(index: ImpactIndex, q: Question): Promise<IndexRun> {
  for (let i = 0; i < env.CMDB_BENCH_WARMUP; i += 1) index.impact(queryOf(q, q.origins[i % q.origins.length] as string));
  await sleep(10);
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const samples: number[] = [];
  let impacted = 0;
  let impactedMin = Infinity;
  let impactedMax = 0;
  let services = 0;
  let listed = 0;
  let depthLimitReached = 0;
  let held = 0;
  for (let i = 0; i < env.CMDB_BENCH_QUERIES; i += 1) {
    const origin = q.origins[i % q.origins.length] as string;
    const t = performance.now();
    const result: ImpactResult = index.impact(queryOf(q, origin));
    samples.push(elapsed(t));
    if (result.origins.length !== 1) fail(`${q.key}: origin ${origin} unknown to the index`);
    if (result.impacted.length > LIMIT || result.impacted.length > result.totalImpacted) fail(`${q.key}: ${result.impacted.length} listed of ${result.totalImpacted} (limit ${LIMIT})`);
    impacted += result.totalImpacted;
    impactedMin = Math.min(impactedMin, result.totalImpacted);
    impactedMax = Math.max(impactedMax, result.totalImpacted);
    services += result.totalServices;
    listed += result.impacted.length;
    held += result.redundancyHeld.length;
    if (result.depthLimitReached) depthLimitReached += 1;
  }
  // GC entries are delivered on a later tick.
  await sleep(20);
  observer.disconnect();
  const n = env.CMDB_BENCH_QUERIES;
  return {
    gcPauses: pauses.length,
    gcPauseMaxMs: round(Math.max(0, ...pauses)),
    gcPauseTotalMs: Math.round(pauses.reduce((a, b) => a + b, 0)),
    latency: latency(samples),
    impactedAvg: Math.round(impacted / n),
    impactedMin,
    impactedMax,
    servicesAvg: Math.round(services / n),
    listedAvg: Math.round(listed / n),
    depthLimitReached,
    redundancyHeldAvg: round(held / n),
  };
}

const showIndexRun = (label: string, r: IndexRun): string =>
  `   ${label}: ${showLatency(r.latency)}; totalImpacted avg ${r.impactedAvg} (min ${r.impactedMin}, max ${r.impactedMax}), services avg ${r.servicesAvg}, listed avg ${r.listedAvg}` +
  `${r.redundancyHeldAvg > 0 ? `, redundancy held avg ${r.redundancyHeldAvg} groups` : ''}${r.depthLimitReached > 0 ? `, depth limit reached in ${r.depthLimitReached}` : ''}` +
  `; GC pauses ${r.gcPauses} (max ${r.gcPauseMaxMs} ms, total ${r.gcPauseTotalMs} ms)`;

interface NaiveRun {
  readonly latency: Latency;
  /** The index on the same origins, same question, limit 0 (walk and counts only, like the naive walk). */
  readonly indexLatency: Latency;
  readonly checked: number;
  readonly mismatches: number;
}

/** The naive walk on a restricted question, next to the index on the same origins; the counts must be equal. */
function runNaive(graph: NaiveGraph, index: ImpactIndex, q: Question): NaiveRun {
  const types = new Set(q.types ?? []);
  const samples: number[] = [];
  const indexSamples: number[] = [];
  let mismatches = 0;
  const n = env.CMDB_BENCH_NAIVE_QUERIES;
  for (let i = 0; i < Math.min(3, n); i += 1) naiveReach(graph, q.origins[i % q.origins.length] as string, q.direction, MAX_DEPTH, types);
  for (let i = 0; i < n; i += 1) {
    const origin = q.origins[i % q.origins.length] as string;
    let t = performance.now();
    const reached = naiveReach(graph, origin, q.direction, MAX_DEPTH, types);
    samples.push(elapsed(t));
    t = performance.now();
    // limit 0: the walk and its counts, no listing (the naive walk lists nothing either).
    const total = index.impact(queryOf(q, origin, 0)).totalImpacted;
    indexSamples.push(elapsed(t));
    if (total !== reached.size) {
      mismatches += 1;
      fail(`${q.key}: the index counts ${total} impacted from ${origin}, the naive walk ${reached.size}`);
    }
  }
  return { latency: latency(samples), indexLatency: latency(indexSamples), checked: n, mismatches };
}

/** The index on exactly these origins (each `repeat` times after a warm-up): the latency a baseline sample is compared with. */
function indexOn(index: ImpactIndex, q: Question, origins: readonly string[], repeat = 50): Latency {
  const samples: number[] = [];
  for (const origin of origins) {
    for (let i = 0; i < 5; i += 1) index.impact(queryOf(q, origin));
    for (let i = 0; i < repeat; i += 1) {
      const t = performance.now();
      index.impact(queryOf(q, origin));
      samples.push(elapsed(t));
    }
  }
  return latency(samples);
}

// ------------------------------------------------------------------------------------------ 4. $graphLookup

interface GraphLookupSample {
  readonly origin: string;
  readonly totalMs: number;
  readonly lookupMs: number | null;
  readonly fetchMs: number | null;
  readonly impacted: number | null;
  readonly indexImpacted: number;
  readonly timedOut: boolean;
  readonly stage: string;
}

interface GraphLookupRun {
  readonly samples: readonly GraphLookupSample[];
  /** Whole answers (graph lookup + fetch); a timed-out sample counts as the timeout (a lower bound). */
  readonly latency: Latency;
  readonly lookupLatency: Latency | null;
  readonly fetchLatency: Latency | null;
  readonly timedOut: boolean;
  readonly countsCompared: number;
  readonly countMismatches: number;
  readonly restartMs: number | null;
}

/** The restricted questions through $graphLookup; a timed-out sample kills the server (restarted and reloaded when more questions follow). */
async function runGraphLookups(
  questions: readonly Question[],
  store: GraphStore,
  reopen: () => Promise<GraphStore>,
  index: ImpactIndex,
  graph: NaiveGraph,
): Promise<{ runs: Map<string, GraphLookupRun>; store: GraphStore; killed: boolean }> {
  const runs = new Map<string, GraphLookupRun>();
  let current = store;
  let killed = false;
  for (const q of questions) {
    if (killed) {
      const t = performance.now();
      progress('restarting the embedded server and reloading the CMDB after the killed query ...');
      current = await reopen();
      killed = false;
      runs.set(`${q.key}:restart`, { samples: [], latency: latency([]), lookupLatency: null, fetchLatency: null, timedOut: false, countsCompared: 0, countMismatches: 0, restartMs: elapsed(t) });
    }
    const samples: GraphLookupSample[] = [];
    let mismatches = 0;
    let compared = 0;
    progress(`${q.key}: up to ${env.CMDB_BENCH_GRAPHLOOKUP_SAMPLES} samples, at most ${TIMEOUT_MS / 1000} s each ...`);
    for (let s = 0; s < env.CMDB_BENCH_GRAPHLOOKUP_SAMPLES && s < q.origins.length; s += 1) {
      const origin = q.origins[s] as string;
      const indexImpacted = index.impact(queryOf(q, origin, 0)).totalImpacted;
      const state: GraphLookupProgress = { stage: 'graphLookup', lookupMs: null, impacted: null };
      const t = performance.now();
      const answer = graphLookupImpact(current.db, origin, q.direction, MAX_DEPTH, q.types ?? [], LIMIT, TIMEOUT_MS, state);
      const outcome = await Promise.race([answer, sleep(TIMEOUT_MS).then(() => null)]);
      const ms = elapsed(t);
      if (outcome === null) {
        answer.catch(noop);
        samples.push({ origin, totalMs: TIMEOUT_MS, lookupMs: state.lookupMs, fetchMs: null, impacted: state.impacted, indexImpacted, timedOut: true, stage: state.stage });
        progress(`${q.key}: sample ${s + 1} timed out after ${Math.round(ms / 1000)} s in the ${state.stage} stage${state.lookupMs !== null ? ` (graph lookup done in ${Math.round(state.lookupMs)} ms, ${state.impacted} CIs)` : ''}; the server cannot abort it`);
        if (current.embedded) {
          await closeGraphStore(current, true);
          killed = true;
        }
      } else {
        const a: GraphLookupAnswer = outcome;
        samples.push({ origin, totalMs: a.totalMs, lookupMs: a.lookupMs, fetchMs: a.fetchMs, impacted: a.impacted, indexImpacted, timedOut: false, stage: 'done' });
        if (a.fetched !== a.listed.length) fail(`${q.key}: the fetch found ${a.fetched} of ${a.listed.length} impacted CIs`);
        progress(`${q.key}: sample ${s + 1}: ${Math.round(a.totalMs)} ms (graph lookup ${Math.round(a.lookupMs)} ms, ${a.relationships} relationship documents; fetch of ${a.listed.length} names ${Math.round(a.fetchMs)} ms); ${a.impacted} CIs, index ${indexImpacted}`);
      }
      const last = samples[samples.length - 1] as GraphLookupSample;
      if (last.impacted !== null) {
        compared += 1;
        if (last.impacted !== indexImpacted) {
          mismatches += 1;
          const naive = naiveReach(graph, origin, q.direction, MAX_DEPTH, new Set(q.types ?? [])).size;
          fail(`${q.key}: from ${origin} $graphLookup finds ${last.impacted} CIs, the index ${indexImpacted}, the naive walk ${naive}`);
        }
      }
      if (last.timedOut) break;
    }
    const done = samples.filter((s) => !s.timedOut);
    runs.set(q.key, {
      samples,
      latency: latency(samples.map((s) => s.totalMs)),
      lookupLatency: samples.some((s) => s.lookupMs !== null) ? latency(samples.flatMap((s) => (s.lookupMs === null ? [] : [s.lookupMs]))) : null,
      fetchLatency: done.length ? latency(done.map((s) => s.fetchMs ?? 0)) : null,
      timedOut: samples.some((s) => s.timedOut),
      countsCompared: compared,
      countMismatches: mismatches,
      restartMs: null,
    });
  }
  return { runs, store: current, killed };
}

// ------------------------------------------------------------------------------------------ 5. reconciliation

interface FeedFigures {
  fed: number;
  created: number;
  createMs: number;
  storedCis: number;
  distinctNames: number;
  identityClaims: number;
  indexedCis: number;
  outboxPending: number;
  updates: number;
  updated: number;
  updateMs: number;
  raceItems: number;
  raceCreated: number;
  raceSameCi: number;
  raceStoredCis: number;
  raceDistinctNames: number;
  raceMs: number;
}

async function countsOf(replica: Replica): Promise<{ cis: number; names: number; claims: number; pending: number }> {
  const db = replica.connection.getClient().db(replica.connection.name);
  const names = new Set<string>();
  let cis = 0;
  for await (const doc of db.collection('cmdb_cis').find({}, { projection: { nameKey: 1, classId: 1, _outboxPending: 1 }, batchSize: 10_000 })) {
    cis += 1;
    names.add(`${String(doc['classId'])}|${String(doc['nameKey'])}`);
  }
  const pending = await db.collection('cmdb_cis').countDocuments({ _outboxPending: true });
  const claims = await db.collection('cmdb_identities').estimatedDocumentCount();
  return { cis, names: names.size, claims, pending };
}

async function feedPhase(dbPrefix: string): Promise<FeedFigures> {
  const embedded = env.MONGO_URL === undefined ? await startEmbedded() : undefined;
  const url = embedded ? embedded.url : withPatientMonitor(env.MONGO_URL ?? '');
  const replicas: Replica[] = [];
  try {
    const feed = await startReplica({ url, dbPrefix: `${dbPrefix}feed` }, benchLogger, 'bench-feed');
    replicas.push(feed);
    await ensureSources(feed);
    const at = new Date().toISOString();
    const total = env.CMDB_BENCH_FEED;
    let created = 0;
    let done = 0;
    const reportEvery = Math.max(1, Math.round(total / 10));
    let t = performance.now();
    await closedLoop(
      total,
      env.CMDB_BENCH_FEED_CONCURRENCY,
      async (i) => {
        const result = await feed.reportDiscoveredCi.execute(new ReportDiscoveredCiCommand(discovery('feed', i, at)));
        if (result.outcome === 'created') created += 1;
        else fail(`feed: item ${i} answered ${result.outcome}, expected created`);
        if (++done % reportEvery === 0) progress(`reconcile: ${done} CIs, ${perSecond(done, elapsed(t))} CIs/s`);
      },
      (error) => fail(`feed: ${describe(error)}`),
    );
    const createMs = elapsed(t);
    const stored = await countsOf(feed);
    if (stored.cis !== total) fail(`feed: ${stored.cis} CIs stored, ${total} fed`);
    if (stored.names !== stored.cis) fail(`feed: ${stored.cis - stored.names} duplicate names among the stored CIs`);
    if (stored.claims !== 2 * total) fail(`feed: ${stored.claims} identity claims stored, ${2 * total} expected (2 keys per CI)`);
    const indexedCis = feed.index.index.size.cis;
    if (indexedCis !== total) fail(`feed: the replica's index holds ${indexedCis} CIs, ${total} created`);

    // Another source re-reports a sample: identify by serial number / vm_uuid, merge a new IP address.
    const updates = Math.min(env.CMDB_BENCH_UPDATES, total);
    const stride = Math.max(1, Math.floor(total / Math.max(1, updates)));
    let updated = 0;
    const at2 = new Date().toISOString();
    progress(`reconcile: ${updates} updates from another source (network scanner) ...`);
    t = performance.now();
    await closedLoop(
      updates,
      env.CMDB_BENCH_FEED_CONCURRENCY,
      async (k) => {
        const result = await feed.reportDiscoveredCi.execute(new ReportDiscoveredCiCommand(rescan('feed', k * stride, at2)));
        if (result.outcome === 'updated' && result.held.length === 0) updated += 1;
        else fail(`update: item ${k * stride} answered ${result.outcome} (held: ${result.held.map((h) => h.attribute).join(',')}), expected updated`);
      },
      (error) => fail(`update: ${describe(error)}`),
    );
    const updateMs = elapsed(t);
    await feed.close();
    replicas.length = 0;

    // Two replicas (own connections and identity caches) feed the same new CIs at once into another fresh database.
    const raceItems = env.CMDB_BENCH_RACE_ITEMS;
    let raceCreated = 0;
    let raceSameCi = 0;
    let raceCounts = { cis: 0, names: 0, claims: 0, pending: 0 };
    let raceMs = 0;
    if (raceItems > 0) {
      const a = await startReplica({ url, dbPrefix: `${dbPrefix}race` }, benchLogger, 'bench-race-a');
      replicas.push(a);
      await ensureSources(a);
      const b = await startReplica({ url, dbPrefix: `${dbPrefix}race` }, benchLogger, 'bench-race-b');
      replicas.push(b);
      const idsA: (string | undefined)[] = new Array<string | undefined>(raceItems);
      const idsB: (string | undefined)[] = new Array<string | undefined>(raceItems);
      const at3 = new Date().toISOString();
      const half = Math.max(1, Math.floor(env.CMDB_BENCH_FEED_CONCURRENCY / 2));
      const loop = (replica: Replica, ids: (string | undefined)[], name: string): Promise<void> =>
        closedLoop(
          raceItems,
          half,
          async (i) => {
            const result = await replica.reportDiscoveredCi.execute(new ReportDiscoveredCiCommand(discovery('race', i, at3)));
            ids[i] = result.ci.id;
            if (result.outcome === 'created') raceCreated += 1;
          },
          (error) => fail(`race (${name}): ${describe(error)}`),
        );
      t = performance.now();
      await Promise.all([loop(a, idsA, 'replica A'), loop(b, idsB, 'replica B')]);
      raceMs = elapsed(t);
      for (let i = 0; i < raceItems; i += 1) if (idsA[i] !== undefined && idsA[i] === idsB[i]) raceSameCi += 1;
      raceCounts = await countsOf(a);
      if (raceSameCi !== raceItems) fail(`race: ${raceItems - raceSameCi} of ${raceItems} items got different CIs from the two replicas`);
      if (raceCreated !== raceItems) fail(`race: ${raceCreated} creations for ${raceItems} items`);
      if (raceCounts.cis !== raceItems) fail(`race: ${raceCounts.cis} CIs stored for ${raceItems} items`);
      if (raceCounts.names !== raceCounts.cis) fail(`race: ${raceCounts.cis - raceCounts.names} duplicate names`);
      if (raceCounts.claims !== 2 * raceItems) fail(`race: ${raceCounts.claims} identity claims for ${raceItems} items`);
    }
    return {
      fed: total,
      created,
      createMs,
      storedCis: stored.cis,
      distinctNames: stored.names,
      identityClaims: stored.claims,
      indexedCis,
      outboxPending: stored.pending,
      updates,
      updated,
      updateMs,
      raceItems,
      raceCreated,
      raceSameCi,
      raceStoredCis: raceCounts.cis,
      raceDistinctNames: raceCounts.names,
      raceMs,
    };
  } finally {
    for (const r of replicas) await r.close().catch(noop);
    if (embedded) await embedded.stop();
    else {
      for (const prefix of [`${dbPrefix}feed`, `${dbPrefix}race`]) {
        const connection = await connectContext({ url, dbPrefix: prefix }, 'cmdb');
        await connection.dropDatabase().catch(noop);
        await connection.close();
      }
    }
  }
}

// ------------------------------------------------------------------------------------------ main

const ratio = (baseline: number, index: number): number => round(baseline / Math.max(index, 1e-3), baseline / Math.max(index, 1e-3) >= 100 ? 0 : 1);

async function main(): Promise<number> {
  if (!gcAvailable) log('note: gc() is not available: heap figures are unsettled');
  const dbPrefix = `${env.MONGO_DB_PREFIX}_bench${randomUUID().slice(0, 8).replace(/-/g, '')}`;
  const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);

  // --- 1. generate and write ---
  const t = performance.now();
  const topology = generateTopology(N_CIS, N_RELS, env.CMDB_BENCH_SEED);
  const generateMs = elapsed(t);
  log(`1. generated CMDB (seed ${env.CMDB_BENCH_SEED}) in ${Math.round(generateMs)} ms: ${topology.cis.length} CIs, ${topology.relationships.count} relationships (${topology.baseRelationships} structural, the rest fill)`);
  log(`   CIs: ${Object.entries(topology.classCounts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`   relationships: ${Object.entries(topology.typeCounts).map(([k, v]) => `${k} ${v}`).join(', ')}; every one admitted by its type's class rules`);
  let store = await openGraphStore(dbPrefix);
  progress(`writing the CMDB to ${store.embedded ? 'the embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL'} ...`);
  const write = await writeCmdb(store, topology, dataModel, env.CMDB_BENCH_REPO_SAMPLE);
  const mongoRss = store.embedded ? (embeddedChild(store.embedded.url)?.rssMb ?? null) : null;
  log(`   through the repositories: ${write.repoCis} CIs at ${write.repoCisPerSecond}/s, ${write.repoRelationships} relationships at ${write.repoRelationshipsPerSecond}/s (${REPO_CONCURRENCY} in flight); ${write.published} events published through MongoOutboxStore`);
  log(`   bulk, same shape (checked): ${write.bulkDocs} documents in ${round(write.bulkMs / 1000)} s = ${perSecond(write.bulkDocs, write.bulkMs)} docs/s; CI document ~${write.ciDocBytes} B, relationship document ~${write.relationshipDocBytes} B${mongoRss !== null ? `; embedded server RSS ${mongoRss} MB` : ''}`);

  // --- 2. load the index; 3. its latency while it is all this process holds (besides the generated CMDB) ---
  progress('loading the impact index as CmdbIndexService.start() does ...');
  const { index, figures: indexLoad } = await loadIndex(store, dataModel);
  const size = index.size;
  if (size.cis !== N_CIS || size.relationships !== N_RELS) fail(`the index holds ${size.cis} CIs and ${size.relationships} relationships, ${N_CIS} and ${N_RELS} stored`);
  const ids = (numbers: readonly number[]): string[] => numbers.map((n) => (topology.cis[n] as GeneratedCi).id);
  const cores = ids(topology.cores);
  const businessServices = ids(topology.businessServices);
  const vmHosts = ids(topology.vmHosts);
  const T2S = TARGET_TO_SOURCE_TYPES;
  const Q = {
    downstream: { key: 'downstream', label: 'downstream from a core switch (every type, redundancy, status)', direction: 'downstream', types: undefined, origins: cores },
    upstream: { key: 'upstream', label: 'upstream from a business service (every type)', direction: 'upstream', types: undefined, origins: businessServices },
    downstreamT2s: { key: 'downstream_t2s', label: `downstream from a core switch, ${T2S.join('/')} only`, direction: 'downstream', types: T2S, origins: cores },
    upstreamT2s: { key: 'upstream_t2s', label: `upstream from a business service, ${T2S.join('/')} only`, direction: 'upstream', types: T2S, origins: businessServices },
    hostT2s: { key: 'host_downstream_t2s', label: `downstream from a standalone VM host, ${T2S.join('/')} only`, direction: 'downstream', types: T2S, origins: vmHosts },
  } satisfies Record<string, Question>;
  await settledHeap();
  const quiet = await quietStorage(store.embedded?.url);
  progress(`impact queries: ${env.CMDB_BENCH_WARMUP} warm-up + ${env.CMDB_BENCH_QUERIES} per question (waited ${quiet.waitedMs} ms for the embedded server to go quiet: ${quiet.firstPercent ?? '-'}% of a core in the first second) ...`);
  const cpuBefore = process.cpuUsage();
  const childBefore = store.embedded ? embeddedChild(store.embedded.url) : undefined;
  const runsStarted = performance.now();
  const runs = {
    downstream: await runIndex(index, Q.downstream),
    upstream: await runIndex(index, Q.upstream),
    downstreamT2s: await runIndex(index, Q.downstreamT2s),
    upstreamT2s: await runIndex(index, Q.upstreamT2s),
    hostT2s: await runIndex(index, Q.hostT2s),
  };
  const runsMs = elapsed(runsStarted);
  const cpu = process.cpuUsage(cpuBefore);
  const childAfter = store.embedded ? embeddedChild(store.embedded.url) : undefined;
  const queryCpu = {
    benchPercent: Math.round(((cpu.user + cpu.system) / 1000 / runsMs) * 100),
    mongoPercent: childBefore && childAfter ? Math.round(((childAfter.cpuMs - childBefore.cpuMs) / runsMs) * 100) : null,
  };
  // the floor: a bare CSR walk of the same graph from the same origins, right after the index's runs
  const bare = {
    downstream: runBare(bareCsr(topology, 'downstream'), topology.cores, MAX_DEPTH, env.CMDB_BENCH_QUERIES, env.CMDB_BENCH_WARMUP),
    upstream: runBare(bareCsr(topology, 'upstream'), topology.businessServices, MAX_DEPTH, env.CMDB_BENCH_QUERIES, env.CMDB_BENCH_WARMUP),
  };
  const changed = Array.from({ length: 10 }, (_, i) => {
    const { id, typeId, sourceId, targetId } = buildRelationship(topology, Math.floor((i * topology.relationships.count) / 10));
    return { id, typeId, sourceId, targetId };
  });
  const afterChange = runAfterChange(index, queryOf(Q.downstream, cores[0] as string), changed);
  if (afterChange.refused > 0 || afterChange.builds !== 0) fail(`after-change: ${afterChange.refused} changes refused, ${afterChange.builds} walk snapshot builds (it is to be kept current, not rebuilt)`);

  progress('loading the naive Map baseline from the same reads ...');
  const { graph, figures: naiveLoad } = await loadNaive(store, dataModel);
  const memoryRatio = round((indexLoad.heapMb || 1e-6) / (naiveLoad.heapMb || 1e-6), 2);
  await settledHeap();
  log('2. load (CiRepository.forEach + RelationshipRepository.forEach, as CmdbIndexService.start()):');
  log(`   impact index: ${showLoad(indexLoad)}`);
  log(`   naive Map<ciId, {ci, out[], in[]}> of the same relationship objects: ${showLoad(naiveLoad)}`);
  log(`   index memory = ${memoryRatio}x the naive Map's`);
  log(`3. impact latency (ImpactIndex.impact, maxDepth ${MAX_DEPTH}, limit ${LIMIT}, one origin per query, ${env.CMDB_BENCH_QUERIES} queries after ${env.CMDB_BENCH_WARMUP}; measured before the baselines were loaded):`);
  for (const [k, r] of Object.entries(runs)) log(showIndexRun(Q[k as keyof typeof Q].label, r));
  log(`   CPU while querying: this process ${queryCpu.benchPercent}% of a core, the embedded server ${queryCpu.mongoPercent ?? '-'}% (2 cores in all)`);
  for (const [k, b] of Object.entries(bare)) {
    const r = runs[k as keyof typeof bare];
    log(`   bare CSR walk (no types, states, redundancy, listing), ${k} from the same origins: ${showLatency(b.latency)}, ${b.reachedAvg} CIs reached on average; index/bare p95 ${ratio(r.latency.p95Ms, b.latency.p95Ms)}x`);
  }
  log(`   the first downstream query after each of ${2 * changed.length} relationship changes (the walk snapshot kept current: ${afterChange.builds} rebuilds): ${showLatency(afterChange.latency)}`);
  progress('naive Map walks ...');
  const naive = { downstreamT2s: runNaive(graph, index, Q.downstreamT2s), upstreamT2s: runNaive(graph, index, Q.upstreamT2s), hostT2s: runNaive(graph, index, Q.hostT2s) };
  for (const [k, r] of Object.entries(naive)) {
    log(
      `   naive Map walk, ${Q[k as keyof typeof naive].label}: ${showLatency(r.latency)}; the index's walk (limit 0) on the same origins p50 ${r.indexLatency.p50Ms} ms, p95 ${r.indexLatency.p95Ms} ms ` +
        `(naive/index: p50 ${ratio(r.latency.p50Ms, r.indexLatency.p50Ms)}x, p95 ${ratio(r.latency.p95Ms, r.indexLatency.p95Ms)}x); counts equal on ${r.checked - r.mismatches}/${r.checked} origins`,
    );
  }

  // --- 4. $graphLookup ---
  const reopen = async (): Promise<GraphStore> => {
    const next = await openGraphStore(dbPrefix);
    await writeCmdb(next, topology, dataModel, 0);
    return next;
  };
  log(`4. $graphLookup on cmdb_relationships (${T2S.join('/')}, state active, maxDepth ${MAX_DEPTH - 1}) + names/classes of up to ${LIMIT} impacted CIs by _id; ${env.CMDB_BENCH_GRAPHLOOKUP_SAMPLES} origins per question, ${TIMEOUT_MS / 1000} s per sample:`);
  const glQuestions = [Q.hostT2s, Q.upstreamT2s, Q.downstreamT2s];
  const gl = await runGraphLookups(glQuestions, store, reopen, index, graph);
  store = gl.store;
  interface GlFigure {
    readonly run: GraphLookupRun;
    /** The index on the origins the samples used: the restricted question, and the full one. */
    readonly same: Latency;
    readonly sameFull: Latency;
    readonly p50x: number;
    readonly p95x: number;
    readonly fullP50x: number;
    readonly fullP95x: number;
  }
  const figureOf = (q: Question): GlFigure | undefined => {
    const run = gl.runs.get(q.key);
    if (run === undefined || run.samples.length === 0) return undefined;
    const origins = run.samples.map((x) => x.origin);
    const same = indexOn(index, q, origins);
    const sameFull = indexOn(index, { ...q, types: undefined }, origins);
    return {
      run,
      same,
      sameFull,
      p50x: ratio(run.latency.p50Ms, same.p50Ms),
      p95x: ratio(run.latency.p95Ms, same.p95Ms),
      fullP50x: ratio(run.latency.p50Ms, sameFull.p50Ms),
      fullP95x: ratio(run.latency.p95Ms, sameFull.p95Ms),
    };
  };
  const glFigures = { host_downstream: figureOf(Q.hostT2s), upstream: figureOf(Q.upstreamT2s), downstream: figureOf(Q.downstreamT2s) };
  let countsCompared = 0;
  let countMismatches = 0;
  for (const [name, f] of Object.entries(glFigures)) {
    if (f === undefined) continue;
    countsCompared += f.run.countsCompared;
    countMismatches += f.run.countMismatches;
    const bound = f.run.timedOut ? '>= ' : '';
    const lookup = f.run.lookupLatency ? `graph lookup p50 ${f.run.lookupLatency.p50Ms} ms` : 'graph lookup never finished';
    const fetch = f.run.fetchLatency ? `, fetch p50 ${f.run.fetchLatency.p50Ms} ms` : '';
    log(`   ${name}: ${bound}p50 ${f.run.latency.p50Ms} ms, ${bound}p95 ${f.run.latency.p95Ms} ms (${f.run.samples.length} samples${f.run.timedOut ? ', TIMED OUT: lower bounds' : ''}; ${lookup}${fetch})`);
    log(
      `     impacted per sample: $graphLookup ${f.run.samples.map((x) => x.impacted ?? '?').join(' ')} | index ${f.run.samples.map((x) => x.indexImpacted).join(' ')}: ` +
        `${f.run.countMismatches === 0 ? (f.run.countsCompared > 0 ? 'equal' : 'NOT COMPARED (no graph lookup finished)') : `${f.run.countMismatches} MISMATCHES`}`,
    );
    log(`     the index on the same origins: same question p50 ${f.same.p50Ms} ms, p95 ${f.same.p95Ms} ms; full question (every type, redundancy) p50 ${f.sameFull.p50Ms} ms, p95 ${f.sameFull.p95Ms} ms`);
    log(`     speed-up, same question: p50 ${bound}${f.p50x}x, p95 ${bound}${f.p95x}x; vs the index's full question: p50 ${bound}${f.fullP50x}x, p95 ${bound}${f.fullP95x}x`);
  }
  const restarts = [...gl.runs.entries()].filter(([k]) => k.endsWith(':restart')).map(([, r]) => r.restartMs ?? 0);
  if (restarts.length) log(`   (the embedded server was killed and reloaded ${restarts.length}x after a timed-out sample: ${restarts.map((ms) => `${Math.round(ms / 1000)} s`).join(', ')})`);
  log('   note: CongoDB evaluates $graphLookup by scanning the whole relationship collection for every CI reached, and every find by _id (the fetch) scans cmdb_cis: MongoDB with indexes would be far faster; the index figures do not depend on it.');
  const latencyMet = [runs.downstream, runs.upstream, runs.downstreamT2s, runs.upstreamT2s, runs.hostT2s].every((r) => r.latency.p95Ms < LATENCY_TARGET_MS);
  const speedups = Object.values(glFigures).flatMap((f) => (f === undefined ? [] : [f.p95x]));
  const speedupMet = speedups.length > 0 && speedups.every((x) => x >= SPEEDUP_TARGET);
  log(`   targets: index p95 < ${LATENCY_TARGET_MS} ms on every question: ${latencyMet ? 'met' : 'MISSED'}; >= ${SPEEDUP_TARGET}x faster than $graphLookup (p95, same question, same origins): ${speedupMet ? 'met' : 'MISSED'}`);
  if (!gl.killed) await closeGraphStore(store, false);

  // --- 5. reconciliation into a fresh database ---
  log(`5. bulk reconciliation (ReportDiscoveredCiHandler, fresh database, ${env.CMDB_BENCH_FEED_CONCURRENCY} in flight, no outbox relay: events stay in the outbox):`);
  const feed = await feedPhase(dbPrefix);
  const createRate = perSecond(feed.created, feed.createMs);
  const updateRate = feed.updates ? round((feed.updated / Math.max(feed.updateMs, 1e-6)) * 1000) : null;
  log(`   created: ${feed.created}/${feed.fed} CIs (servers + VMs from source sccm) in ${round(feed.createMs / 1000)} s = ${createRate} CIs/s`);
  log(`   stored: ${feed.storedCis} CIs, ${feed.distinctNames} distinct (class, name), ${feed.identityClaims} identity claims, index ${feed.indexedCis} CIs, ${feed.outboxPending} with unpublished events`);
  log(`   updates (network scanner re-reports ${feed.updates} of them with a new ip_address): ${feed.updated} updated in ${round(feed.updateMs / 1000)} s = ${updateRate ?? '-'} CIs/s (${feed.updates ? Math.round(feed.updateMs / feed.updates) : '-'} ms each)`);
  log('   note: an update loads the CI twice and saves it once by _id; CongoDB has no _id index for queries (find/update scan the collection), so each costs three scans of the CIs; with MongoDB they are index look-ups. Creates only insert (O(1)).');
  log(`   race: ${feed.raceItems} new CIs fed by two replicas at once: ${feed.raceCreated} created, ${feed.raceSameCi} answered with the same CI by both, ${feed.raceStoredCis} stored (${feed.raceDistinctNames} distinct) in ${round(feed.raceMs / 1000)} s`);

  const wallS = round(elapsed(wallStarted) / 1000, 0);
  log(`storage: ${env.MONGO_URL === undefined ? 'embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL'}; wall time ${wallS} s`);
  log(`failures: ${failures.count}${failures.count === 0 ? '' : ' (must be 0)'}`);
  for (const [reason, n] of failures.samples) log(`  ${n} x ${reason}`);
  const glJson = (name: string, f: GlFigure | undefined): Record<string, unknown> => ({
    [`graphlookup_${name}_samples`]: f?.run.samples.length ?? 0,
    [`graphlookup_${name}_timed_out`]: f?.run.timedOut ?? null,
    [`graphlookup_${name}_p50_ms`]: f?.run.latency.p50Ms ?? null,
    [`graphlookup_${name}_p95_ms`]: f?.run.latency.p95Ms ?? null,
    [`graphlookup_${name}_lookup_only_p50_ms`]: f?.run.lookupLatency?.p50Ms ?? null,
    [`graphlookup_${name}_fetch_p50_ms`]: f?.run.fetchLatency?.p50Ms ?? null,
    [`graphlookup_${name}_impacted`]: f?.run.samples.map((x) => x.impacted) ?? [],
    [`index_${name}_t2s_impacted`]: f?.run.samples.map((x) => x.indexImpacted) ?? [],
    [`index_${name}_t2s_same_origins_p50_ms`]: f?.same.p50Ms ?? null,
    [`index_${name}_t2s_same_origins_p95_ms`]: f?.same.p95Ms ?? null,
    [`index_${name}_full_same_origins_p95_ms`]: f?.sameFull.p95Ms ?? null,
    [`${name}_speedup_p50_x`]: f?.p50x ?? null,
    [`${name}_speedup_p95_x`]: f?.p95x ?? null,
    [`${name}_speedup_vs_full_p50_x`]: f?.fullP50x ?? null,
    [`${name}_speedup_vs_full_p95_x`]: f?.fullP95x ?? null,
    [`${name}_speedup_is_lower_bound`]: f?.run.timedOut ?? null,
  });
  const latencyJson = (name: string, r: IndexRun): Record<string, unknown> => ({
    [`${name}_p50_ms`]: r.latency.p50Ms,
    [`${name}_p95_ms`]: r.latency.p95Ms,
    [`${name}_p99_ms`]: r.latency.p99Ms,
    [`${name}_max_ms`]: r.latency.maxMs,
    [`${name}_total_impacted_avg`]: r.impactedAvg,
    [`${name}_total_impacted_max`]: r.impactedMax,
    [`${name}_depth_limit_reached_queries`]: r.depthLimitReached,
  });
  console.log(
    JSON.stringify({
      bench: 'cmdb',
      storage: env.MONGO_URL === undefined ? 'embedded' : 'mongo_url',
      cis: N_CIS,
      relationships: N_RELS,
      relationships_structural: topology.baseRelationships,
      seed: env.CMDB_BENCH_SEED,
      generate_ms: Math.round(generateMs),
      repo_create_cis_per_s: write.repoCisPerSecond,
      repo_create_relationships_per_s: write.repoRelationshipsPerSecond,
      bulk_write_s: round(write.bulkMs / 1000),
      bulk_write_docs_per_s: perSecond(write.bulkDocs, write.bulkMs),
      ci_doc_bytes: write.ciDocBytes,
      relationship_doc_bytes: write.relationshipDocBytes,
      mongo_child_rss_mb: mongoRss,
      index_load_ms: Math.round(indexLoad.cisMs + indexLoad.relationshipsMs),
      index_load_cis_ms: Math.round(indexLoad.cisMs),
      index_load_relationships_ms: Math.round(indexLoad.relationshipsMs),
      index_load_items_per_s: perSecond(indexLoad.cis + indexLoad.relationships, indexLoad.cisMs + indexLoad.relationshipsMs),
      index_heap_mb: indexLoad.heapMb,
      index_bytes_per_ci: indexLoad.bytesPerCi,
      index_bytes_per_relationship: indexLoad.bytesPerRelationship,
      naive_load_ms: Math.round(naiveLoad.cisMs + naiveLoad.relationshipsMs),
      naive_heap_mb: naiveLoad.heapMb,
      naive_bytes_per_ci: naiveLoad.bytesPerCi,
      naive_bytes_per_relationship: naiveLoad.bytesPerRelationship,
      index_vs_naive_memory_ratio: memoryRatio,
      index_apply_ms: Math.round(indexLoad.applyMs),
      max_depth: MAX_DEPTH,
      limit: LIMIT,
      queries_per_question: env.CMDB_BENCH_QUERIES,
      ...latencyJson('downstream', runs.downstream),
      downstream_services_avg: runs.downstream.servicesAvg,
      downstream_gc_pause_max_ms: runs.downstream.gcPauseMaxMs,
      downstream_gc_pause_total_ms: runs.downstream.gcPauseTotalMs,
      queries_cpu_percent: queryCpu.benchPercent,
      queries_mongo_cpu_percent: queryCpu.mongoPercent,
      downstream_redundancy_held_groups_avg: runs.downstream.redundancyHeldAvg,
      bare_csr_downstream_p50_ms: bare.downstream.latency.p50Ms,
      bare_csr_downstream_p95_ms: bare.downstream.latency.p95Ms,
      downstream_vs_bare_csr_p95_ratio: ratio(runs.downstream.latency.p95Ms, bare.downstream.latency.p95Ms),
      walk_snapshot_build_ms: indexLoad.snapshotMs === null ? null : Math.round(indexLoad.snapshotMs),
      downstream_after_change_p50_ms: afterChange.latency.p50Ms,
      downstream_after_change_max_ms: afterChange.latency.maxMs,
      ...latencyJson('upstream', runs.upstream),
      bare_csr_upstream_p50_ms: bare.upstream.latency.p50Ms,
      bare_csr_upstream_p95_ms: bare.upstream.latency.p95Ms,
      upstream_vs_bare_csr_p95_ratio: ratio(runs.upstream.latency.p95Ms, bare.upstream.latency.p95Ms),
      ...latencyJson('downstream_t2s', runs.downstreamT2s),
      ...latencyJson('upstream_t2s', runs.upstreamT2s),
      ...latencyJson('host_downstream_t2s', runs.hostT2s),
      naive_walk_downstream_t2s_p95_ms: naive.downstreamT2s.latency.p95Ms,
      naive_walk_downstream_t2s_index_same_origins_p95_ms: naive.downstreamT2s.indexLatency.p95Ms,
      naive_walk_upstream_t2s_p95_ms: naive.upstreamT2s.latency.p95Ms,
      naive_walk_upstream_t2s_index_same_origins_p95_ms: naive.upstreamT2s.indexLatency.p95Ms,
      naive_walk_host_downstream_t2s_p95_ms: naive.hostT2s.latency.p95Ms,
      naive_walk_host_downstream_t2s_index_same_origins_p95_ms: naive.hostT2s.indexLatency.p95Ms,
      graphlookup_timeout_s: TIMEOUT_MS / 1000,
      ...glJson('downstream', glFigures.downstream),
      ...glJson('upstream', glFigures.upstream),
      ...glJson('host_downstream', glFigures.host_downstream),
      graphlookup_restarts: restarts.length,
      index_vs_graphlookup_counts_compared: countsCompared,
      index_vs_graphlookup_count_mismatches: countMismatches,
      index_vs_naive_count_mismatches: naive.downstreamT2s.mismatches + naive.upstreamT2s.mismatches + naive.hostT2s.mismatches,
      target_index_p95_under_10ms_met: latencyMet,
      target_speedup_10x_met: speedupMet,
      reconcile_feed_cis: feed.fed,
      reconcile_concurrency: env.CMDB_BENCH_FEED_CONCURRENCY,
      reconcile_create_s: round(feed.createMs / 1000),
      reconcile_create_cis_per_s: createRate,
      reconcile_cis_stored: feed.storedCis,
      reconcile_duplicate_cis: feed.storedCis - feed.distinctNames,
      reconcile_identity_claims: feed.identityClaims,
      reconcile_outbox_pending_cis: feed.outboxPending,
      reconcile_updates: feed.updates,
      reconcile_update_cis_per_s: updateRate,
      reconcile_update_ms_per_ci: feed.updates ? Math.round(feed.updateMs / feed.updates) : null,
      race_items: feed.raceItems,
      race_created: feed.raceCreated,
      race_cis_stored: feed.raceStoredCis,
      race_same_ci_both_replicas: feed.raceSameCi,
      wall_s: wallS,
      failures: failures.count,
    }),
  );
  return failures.count === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Driver and bus timers may linger; the figures are out.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
