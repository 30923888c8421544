/**
 * npm run bench:cmdb:large — the impact index at 1M CIs / 3M relationships (CMDB_LARGE_CIS,
 * CMDB_LARGE_RELATIONSHIPS): load time, memory, and impact latency next to a bare CSR walk of the
 * same graph measured in the same run.
 *
 * Storage: none. The index is loaded straight from the generated CMDB's events, through the code
 * the CMDB replicas apply their event stream with (applyCmdbEvent): the `itsm.cmdb.v1` event of each
 * CI's creation (built by the real checkObservation + createCi + ciEvent, as bench:cmdb's documents
 * are) and of each relationship's addition. Writing four million documents to the embedded
 * MongoDB-wire server and reading them back is not feasible on this machine (bench:cmdb writes
 * 100,000 CIs and 300,000 relationships through it in minutes, and the server holds everything in
 * its own heap); the MongoDB read part of a load is bench:cmdb's `index_load_*` figures.
 *
 * 1. Generate the topology (topology.ts), then load: the CI events, the relationship events, the
 *    walk snapshot (prepareWalks, as CmdbIndexService.start() does); the memory it holds (heap +
 *    typed arrays after full GCs, the generated topology dropped first) and the process RSS.
 * 2. CMDB_LARGE_QUERIES impact queries after CMDB_LARGE_WARMUP: downstream from the core switches and
 *    upstream from business services (every type, redundancy, status, CMDB_LARGE_LIMIT listed), and
 *    the bare CSR walk from the same origins; the first downstream query after a relationship change.
 *
 * The last line printed is one JSON object; a failure (an event refused, a count off) makes the
 * exit code non-zero.
 */
import { applyCmdbEvent, CmdbDataModel, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES, ImpactIndex } from '@itsm/cmdb';
import type { ImpactDirection, ImpactQuery, IndexedRelationship } from '@itsm/cmdb';
import { envSchema, loadConfig } from '@itsm/platform/config';
import { Type } from '@sinclair/typebox';
import { bareCsr } from './baselines';
import { buildCi, buildRelationship, relationshipEvent } from './documents';
import { latency, round, settledHeap, showLatency } from './measure';
import { generateTopology } from './topology';
import type { GeneratedCi, Topology } from './topology';
import { runAfterChange, runBare } from './walks';

const LargeEnv = Type.Object({
  CMDB_LARGE_CIS: Type.Integer({ minimum: 2_000, default: 1_000_000 }),
  CMDB_LARGE_RELATIONSHIPS: Type.Integer({ minimum: 1, default: 3_000_000 }),
  CMDB_LARGE_SEED: Type.Integer({ default: 20_251_122 }),
  CMDB_LARGE_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 25, default: 15 }),
  CMDB_LARGE_LIMIT: Type.Integer({ minimum: 1, default: 1_000 }),
  CMDB_LARGE_QUERIES: Type.Integer({ minimum: 1, default: 100 }),
  CMDB_LARGE_WARMUP: Type.Integer({ minimum: 0, default: 20 }),
  CMDB_LARGE_CHANGES: Type.Integer({ minimum: 0, default: 5 }),
});

const env = loadConfig(envSchema(LargeEnv), process.env);
const MAX_DEPTH = env.CMDB_LARGE_MAX_DEPTH;
const MB = 1_048_576;
const started = performance.now();
const log = (line: string): void => console.log(line);
const progress = (line: string): void => console.log(`  [${Math.round((performance.now() - started) / 1000)} s] ${line}`);
const elapsed = (since: number): number => performance.now() - since;
const ratio = (value: number, baseline: number): number => round(value / Math.max(baseline, 1e-3), 2);
const failures: string[] = [];
const fail = (reason: string): void => void (failures.length < 20 ? failures.push(reason) : undefined);
const rssMb = (): number => round(process.memoryUsage().rss / MB);

interface Origins {
  readonly cores: readonly string[];
  readonly coreNumbers: readonly number[];
  readonly businessServices: readonly string[];
  readonly businessServiceNumbers: readonly number[];
  /** Relationships changed (removed, added back) after the runs. */
  readonly changed: readonly IndexedRelationship[];
}

interface Load {
  readonly index: ImpactIndex;
  readonly cisMs: number;
  readonly relationshipsMs: number;
  readonly snapshotMs: number;
}

/** The CI creation events, then the relationship addition events, each applied as a replica applies its stream (sequence 1: the first event of each subject). */
function load(topology: Topology, dataModel: CmdbDataModel): Load {
  const index = new ImpactIndex(dataModel.relationshipTypes());
  let t = performance.now();
  for (const [i, generated] of topology.cis.entries()) {
    const { event } = buildCi(dataModel, generated);
    if (applyCmdbEvent(index, dataModel, { type: event.type, data: event.data, sequence: 1 }) !== true) fail(`CI event ${i} not applied`);
    if ((i + 1) % 250_000 === 0) progress(`${i + 1} CI events applied`);
  }
  const cisMs = elapsed(t);
  t = performance.now();
  for (let i = 0; i < topology.relationships.count; i += 1) {
    const event = relationshipEvent(buildRelationship(topology, i));
    if (applyCmdbEvent(index, dataModel, { type: event.type, data: event.data, sequence: 1 }) !== true) fail(`relationship event ${i} not applied`);
    if ((i + 1) % 1_000_000 === 0) progress(`${i + 1} relationship events applied`);
  }
  const relationshipsMs = elapsed(t);
  t = performance.now();
  index.prepareWalks();
  return { index, cisMs, relationshipsMs, snapshotMs: elapsed(t) };
}

function queriesOf(direction: ImpactDirection, origins: readonly string[]): ImpactQuery[] {
  return origins.map((origin) => ({ from: [origin], direction, maxDepth: MAX_DEPTH, limit: env.CMDB_LARGE_LIMIT }));
}

function runIndex(index: ImpactIndex, queries: readonly ImpactQuery[]): { latency: ReturnType<typeof latency>; impactedAvg: number; listedAvg: number } {
  for (let i = 0; i < env.CMDB_LARGE_WARMUP; i += 1) index.impact(queries[i % queries.length] as ImpactQuery);
  const samples: number[] = [];
  let impacted = 0;
  let listed = 0;
  for (let i = 0; i < env.CMDB_LARGE_QUERIES; i += 1) {
    const query = queries[i % queries.length] as ImpactQuery;
    const t = performance.now();
    const result = index.impact(query);
    samples.push(elapsed(t));
    if (result.origins.length !== 1) fail(`origin ${query.from[0]} unknown to the index`);
    impacted += result.totalImpacted;
    listed += result.impacted.length;
  }
  return { latency: latency(samples), impactedAvg: Math.round(impacted / env.CMDB_LARGE_QUERIES), listedAvg: Math.round(listed / env.CMDB_LARGE_QUERIES) };
}

async function main(): Promise<number> {
  const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);
  const h0 = await settledHeap();
  progress(`generating ${env.CMDB_LARGE_CIS} CIs and ${env.CMDB_LARGE_RELATIONSHIPS} relationships (seed ${env.CMDB_LARGE_SEED}) ...`);
  const t = performance.now();
  let topology: Topology | null = generateTopology(env.CMDB_LARGE_CIS, env.CMDB_LARGE_RELATIONSHIPS, env.CMDB_LARGE_SEED);
  const generateMs = elapsed(t);
  progress(`generated in ${Math.round(generateMs / 1000)} s; loading the index from the events ...`);
  const loaded = load(topology, dataModel);
  const { index } = loaded;
  const size = index.size;
  if (size.cis !== env.CMDB_LARGE_CIS || size.relationships !== env.CMDB_LARGE_RELATIONSHIPS) fail(`the index holds ${size.cis} CIs and ${size.relationships} relationships`);

  // What the runs need of the topology; then it is dropped, so that the memory left is the index's (and the bare CSRs', counted apart).
  const ids = (numbers: readonly number[]): string[] => numbers.map((n) => ((topology as Topology).cis[n] as GeneratedCi).id);
  const origins: Origins = {
    cores: ids(topology.cores),
    coreNumbers: [...topology.cores],
    businessServices: ids(topology.businessServices),
    businessServiceNumbers: [...topology.businessServices],
    changed: Array.from({ length: env.CMDB_LARGE_CHANGES }, (_, i) => {
      const { id, typeId, sourceId, targetId } = buildRelationship(topology as Topology, Math.floor((i * (topology as Topology).relationships.count) / Math.max(1, env.CMDB_LARGE_CHANGES)));
      return { id, typeId, sourceId, targetId };
    }),
  };
  const csr = { downstream: bareCsr(topology, 'downstream'), upstream: bareCsr(topology, 'upstream') };
  const csrBytes = [csr.downstream, csr.upstream].reduce((sum, c) => sum + c.offsets.byteLength + c.targets.byteLength + c.seen.byteLength + c.queue.byteLength, 0);
  topology = null;
  const h1 = await settledHeap();
  const indexBytes = h1 - h0 - csrBytes;
  const rss = rssMb();
  log(`1. loaded from generated events (no MongoDB: see the header): ${size.cis} CIs in ${round(loaded.cisMs / 1000)} s, ${size.relationships} relationships in ${round(loaded.relationshipsMs / 1000)} s, walk snapshot in ${Math.round(loaded.snapshotMs)} ms`);
  log(`   memory held by the index (heap + typed arrays): ${round(indexBytes / MB)} MB = ${Math.round(indexBytes / (size.cis + size.relationships))} B per item; process RSS ${rss} MB`);

  progress('impact queries ...');
  const runs = {
    downstream: runIndex(index, queriesOf('downstream', origins.cores)),
    upstream: runIndex(index, queriesOf('upstream', origins.businessServices)),
  };
  const bare = {
    downstream: runBare(csr.downstream, origins.coreNumbers, MAX_DEPTH, env.CMDB_LARGE_QUERIES, env.CMDB_LARGE_WARMUP),
    upstream: runBare(csr.upstream, origins.businessServiceNumbers, MAX_DEPTH, env.CMDB_LARGE_QUERIES, env.CMDB_LARGE_WARMUP),
  };
  const afterChange = runAfterChange(index, queriesOf('downstream', origins.cores)[0] as ImpactQuery, origins.changed);
  if (afterChange.refused > 0 || afterChange.builds !== 0) fail(`after-change: ${afterChange.refused} changes refused, ${afterChange.builds} walk snapshot rebuilds`);
  log(`2. impact latency (maxDepth ${MAX_DEPTH}, limit ${env.CMDB_LARGE_LIMIT}, ${env.CMDB_LARGE_QUERIES} queries after ${env.CMDB_LARGE_WARMUP}):`);
  for (const [k, r] of Object.entries(runs)) {
    const b = bare[k as keyof typeof bare];
    log(`   ${k}: ${showLatency(r.latency)}; totalImpacted avg ${r.impactedAvg}, listed avg ${r.listedAvg}`);
    log(`   bare CSR walk, same origins: ${showLatency(b.latency)}, ${b.reachedAvg} reached on average; index/bare p95 ${ratio(r.latency.p95Ms, b.latency.p95Ms)}x`);
  }
  log(`   the first downstream query after each of ${2 * origins.changed.length} relationship changes (the walk snapshot kept current: ${afterChange.builds} rebuilds): ${showLatency(afterChange.latency)}`);
  log(`failures: ${failures.length}`);
  for (const f of failures) log(`  ${f}`);
  console.log(
    JSON.stringify({
      bench: 'cmdb_large',
      storage: 'none_loaded_from_generated_events',
      cis: size.cis,
      relationships: size.relationships,
      seed: env.CMDB_LARGE_SEED,
      generate_s: round(generateMs / 1000),
      load_s: round((loaded.cisMs + loaded.relationshipsMs + loaded.snapshotMs) / 1000),
      load_cis_s: round(loaded.cisMs / 1000),
      load_relationships_s: round(loaded.relationshipsMs / 1000),
      walk_snapshot_build_ms: Math.round(loaded.snapshotMs),
      load_items_per_s: Math.round(((size.cis + size.relationships) / (loaded.cisMs + loaded.relationshipsMs)) * 1000),
      index_memory_mb: round(indexBytes / MB),
      index_bytes_per_item: Math.round(indexBytes / (size.cis + size.relationships)),
      rss_mb: rss,
      max_depth: MAX_DEPTH,
      limit: env.CMDB_LARGE_LIMIT,
      queries_per_question: env.CMDB_LARGE_QUERIES,
      downstream_p50_ms: runs.downstream.latency.p50Ms,
      downstream_p95_ms: runs.downstream.latency.p95Ms,
      downstream_p99_ms: runs.downstream.latency.p99Ms,
      downstream_total_impacted_avg: runs.downstream.impactedAvg,
      bare_csr_downstream_p50_ms: bare.downstream.latency.p50Ms,
      bare_csr_downstream_p95_ms: bare.downstream.latency.p95Ms,
      downstream_vs_bare_csr_p95_ratio: ratio(runs.downstream.latency.p95Ms, bare.downstream.latency.p95Ms),
      upstream_p50_ms: runs.upstream.latency.p50Ms,
      upstream_p95_ms: runs.upstream.latency.p95Ms,
      upstream_p99_ms: runs.upstream.latency.p99Ms,
      upstream_total_impacted_avg: runs.upstream.impactedAvg,
      bare_csr_upstream_p50_ms: bare.upstream.latency.p50Ms,
      bare_csr_upstream_p95_ms: bare.upstream.latency.p95Ms,
      upstream_vs_bare_csr_p95_ratio: ratio(runs.upstream.latency.p95Ms, bare.upstream.latency.p95Ms),
      downstream_after_change_p50_ms: afterChange.latency.p50Ms,
      downstream_after_change_max_ms: afterChange.latency.maxMs,
      wall_s: Math.round(elapsed(started) / 1000),
      failures: failures.length,
    }),
  );
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
