/**
 * npm run bench:reporting — issue 19's benchmark: a year of incident events (BENCH_INCIDENTS
 * incidents, ~10 events each, seeded) fed in time order through the reporting projection
 * (IncidentProjector.apply per batch, IncidentRollups.drain every BENCH_ROLL_EVERY batches, as a
 * live projection interleaves them): its build rate; then p50/p95/p99 of a month-by-priority MTTR
 * report (a random month, Europe/Berlin) and of a supplier scorecard (a random supplier, by month
 * over the year) from the rollups, beside the same two reports computed in the same run by MongoDB
 * aggregations over the raw events (stored alongside, indexed as a deployment would), on the same
 * random parameters. Each baseline answer must equal the projection's (resolutions, MTTR, handovers):
 * a difference fails the run. Targets: reports under 50 ms p95 and at least 20x the aggregation
 * (missed targets are reported, not failures). The last line printed is one JSON object.
 *
 * First, the bus phase (bus-projection.ts): the first BENCH_BUS_EVENTS events of the same year
 * projected through the event bus on the Kafka peer, one event per call and then in runs of up to
 * BENCH_BUS_MAX_BATCH (batch delivery), in the same run: `bus_*_events_per_s` and `bus_batch_speedup`.
 *
 * Storage: MONGO_URL when set (database `<MONGO_DB_PREFIX>_bench<random>_reporting`, dropped at the
 * end), else the embedded MongoDB-wire server (CongoDB) in its own process with BENCH_MONGO_HEAP_MB
 * of heap; the events are generated as a stream (only the incidents in flight are held).
 * Knobs (environment):
 *   BENCH_INCIDENTS         incidents over the year, ~10 events each (default the issue's 500,000: ~5 million events)
 *   BENCH_BATCH             events per IncidentProjector.apply and per raw insertMany (2,000)
 *   BENCH_ROLL_EVERY        IncidentRollups.drain after every this many batches (10); larger: fewer makings of a day in flight
 *   BENCH_ROLL_LIMIT        dirty facts per roll round (20,000)
 *   BENCH_QUERIES           timed reports of each kind from the rollups, after 20 warm-up each (200)
 *   BENCH_BASELINE_QUERIES  aggregations of each kind over the raw events, each answer compared (10)
 *   BENCH_SEED              the history's and the queries' seed (19)
 *   BENCH_MONGO_HEAP_MB     the embedded server's heap limit (16,384)
 *   BENCH_BUS_EVENTS        events of the bus phase (0: none); BENCH_BUS_MAX_BATCH its run length
 * After the latency, each report's finds are replayed as the server sees them (read-anatomy.ts:
 * plan, documents examined, KB sent and stored, the server's count against the whole find, a ping).
 * Scale: the default is meant for MONGO_URL (no CI runs benches). On the embedded server (2 cores)
 * run BENCH_INCIDENTS=20000..200000: ~30 KB of server heap per incident (events, facts and rollups
 * in memory: 6.1 GB at 200,000), so 500,000 would need ~15 GB; the build runs at ~1,000-4,000 events/s depending on the
 * machine's other load, an aggregation over a million raw events 8-40 s (README: the runs recorded).
 */
import { cpuShare, runBench, summarizeLatency } from '@itsm/bench-kit';
import type { LatencySummary } from '@itsm/bench-kit';
import { incidentTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { DEFAULT_MAX_BATCH } from '@itsm/platform/messaging';
import { collectionIndexes, connectContext, ensureIndexes, index, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { IncidentFactRepository, IncidentProjector, IncidentReports, IncidentRollupRepository, IncidentRollups, incidentReportRows, periodBuckets, selectRollups, slotDays, sumRollups, dayOf } from '@itsm/reporting';
import type { IncidentEvent, IncidentReportQuery, IncidentReportRow, PeriodBucket } from '@itsm/reporting';
import { seededRandom } from '@itsm/testing';
import { Type } from '@sinclair/typebox';
import { BSON } from 'mongodb';
import type { Collection } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { monthByPriority, RAW_EVENTS, supplierScorecard } from './baseline';
import { busProjectionPhase } from './bus-projection';
import type { BusPhaseFigures } from './bus-projection';
import type { Resolutions, ScorecardMonth } from './baseline';
import { incidentYear, SUPPLIERS } from './history';
import { readAnatomy, recordFinds, showAnatomy } from './read-anatomy';
import { showStopwatch, TimedFactStore, TimedRollupStore } from './timed-stores';
import type { Stopwatch } from './timed-stores';

const BenchEnv = Type.Object({
  BENCH_INCIDENTS: Type.Integer({ minimum: 100, default: 500_000 }),
  /** Events per IncidentProjector.apply (and per insertMany of the raw events). */
  BENCH_BATCH: Type.Integer({ minimum: 1, default: 2_000 }),
  /** IncidentRollups.drain after every this many batches (and once at the end). */
  BENCH_ROLL_EVERY: Type.Integer({ minimum: 1, default: 10 }),
  /** Dirty facts per IncidentRollups.roll round (each round makes all their days again): the library's default. */
  BENCH_ROLL_LIMIT: Type.Integer({ minimum: 1, default: 20_000 }),
  BENCH_QUERIES: Type.Integer({ minimum: 1, default: 200 }),
  BENCH_BASELINE_QUERIES: Type.Integer({ minimum: 1, default: 10 }),
  BENCH_SEED: Type.Integer({ default: 19 }),
  /** Events of the bus phase (the year's first ones); 0 skips it. */
  BENCH_BUS_EVENTS: Type.Integer({ minimum: 0, default: 20_000 }),
  /** Events per call at most with batch delivery in the bus phase: the bus's default. */
  BENCH_BUS_MAX_BATCH: Type.Integer({ minimum: 1, default: DEFAULT_MAX_BATCH }),
  /** Heap limit of the embedded MongoDB child (it holds the events, facts and rollups in memory). */
  BENCH_MONGO_HEAP_MB: Type.Integer({ minimum: 512, default: 16_384 }),
});

const env = loadConfig(envSchema(MongoEnv, BenchEnv), process.env);
const ZONE = 'Europe/Berlin';
const YEAR = { from: '2025-01-01', to: '2026-01-01' };
const WARMUP_QUERIES = 20;
const TARGET_P95_MS = 50;
const TARGET_SPEEDUP = 20;
const MB = 1_048_576;
const round = (value: number, digits = 1): number => +value.toFixed(digits);
const withQuery = (url: string, option: string): string => `${url}${url.includes('?') ? '&' : url.replace(/^mongodb:\/\/[^/]*/, '').length === 0 ? '/?' : '?'}${option}`;

const failures: string[] = [];
const fail = (message: string): void => void failures.push(message);

/** Resident memory (MB) of this process and of its children (the embedded server), from /proc. */
function residentMb(): { own: number; children: number } {
  const rss = (pid: string): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let children = 0;
  try {
    for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) children += rss(pid);
      } catch {
        // Exited meanwhile.
      }
    }
  } catch {
    return { own: round(process.memoryUsage().rss / MB), children: NaN };
  }
  return { own: round(process.memoryUsage().rss / MB), children: round(children) };
}

const monthByPriorityQuery = (month: string): IncidentReportQuery => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { period: { from: `${month}-01`, to, timeZone: ZONE, grain: 'month' }, groupBy: 'priority', filter: null };
};
const scorecardQuery = (supplier: string): IncidentReportQuery => ({ period: { ...YEAR, timeZone: ZONE, grain: 'month' }, groupBy: null, filter: { dimension: 'supplier', value: supplier } });

/** The figures both sides answer, as comparable text. */
const resolutionsOf = (rows: readonly IncidentReportRow[]): Map<string, Resolutions> => new Map(rows.filter((r) => r.resolved > 0).map((r) => [r.group ?? '', { resolved: r.resolved, mttrMs: r.mttrMs }]));
const scorecardOf = (rows: readonly IncidentReportRow[]): Map<string, ScorecardMonth> =>
  new Map(rows.filter((r) => r.resolved > 0 || r.handedOver > 0).map((r) => [r.period, { resolved: r.resolved, mttrMs: r.mttrMs, handedOver: r.handedOver }]));
const sorted = <V>(map: ReadonlyMap<string, V>): string => JSON.stringify([...map].sort(([a], [b]) => a.localeCompare(b)));

async function timed<T>(samples: Float64Array, i: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const answer = await run();
  samples[i] = performance.now() - started;
  return answer;
}

const showLatency = (name: string, l: LatencySummary): string => `${name.padEnd(34)} n=${String(l.n).padStart(4)}  p50 ${l.p50Ms} ms  p95 ${l.p95Ms} ms  p99 ${l.p99Ms} ms  max ${l.maxMs} ms`;

/** The first `limit` events of a stream of batches, in the same batches (the last one cut). */
function* firstEvents(batches: Iterable<IncidentEvent[]>, limit: number): Generator<IncidentEvent[]> {
  let left = limit;
  for (const batch of batches) {
    if (left <= 0) return;
    yield batch.slice(0, left);
    left -= batch.length;
  }
}

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo({ heapMb: env.BENCH_MONGO_HEAP_MB, semiSpaceMb: 64 }) : undefined;
    if (embedded) cleanup.push(() => embedded.stop());
    // The embedded server answers on one thread: an aggregation over a million raw events blocks it for longer than the driver's
    // monitor waits by default (30 s), which then drops the server; the bench's connection waits as long as a report takes.
    const mongo: MongoSettings = { url: embedded ? withQuery(embedded.url, 'connectTimeoutMS=1800000') : (env.MONGO_URL ?? ''), dbPrefix: `${env.MONGO_DB_PREFIX}_bench${randomUUID().slice(0, 8)}` };
    const connection = await connectContext(mongo, 'reporting');
    cleanup.push(async () => {
      if (!embedded) await connection.dropDatabase();
      await connection.close();
    });
    await ensureIndexes(connection, [
      ...IncidentFactRepository.indexes,
      ...IncidentRollupRepository.indexes,
      collectionIndexes(RAW_EVENTS, [index({ type: 1, 'data.at': 1 }), index({ subject: 1 })]),
    ]);
    const facts = new IncidentFactRepository(connection);
    const rollupStore = new IncidentRollupRepository(connection);
    // The build goes through stopwatches (where its time goes); the reports read the repository itself.
    const watch: Stopwatch = new Map();
    const timedFacts = new TimedFactStore(facts, watch);
    const projector = new IncidentProjector(timedFacts);
    const rollups = new IncidentRollups(timedFacts, new TimedRollupStore(rollupStore, watch));
    const reports = new IncidentReports(rollupStore, facts, { now: () => new Date() });
    const raw = connection.collection(RAW_EVENTS) as unknown as Collection;
    const registry = new TopicRegistry<readonly TopicDefinition[]>([incidentTopic]);

    // --- Bus phase: the year's first events through the event bus on the Kafka peer, one per call, then in runs. ---
    let bus: BusPhaseFigures | undefined;
    if (env.BENCH_BUS_EVENTS > 0) {
      bus = await busProjectionPhase(firstEvents(incidentYear(env.BENCH_INCIDENTS, env.BENCH_SEED, env.BENCH_BATCH), env.BENCH_BUS_EVENTS), { mongo, embedded: embedded !== undefined, maxBatch: env.BENCH_BUS_MAX_BATCH });
      console.log(`bus phase (Kafka peer, IncidentProjector.apply per call): ${bus.events} events`);
      console.log(`  one event per call : ${bus.events_per_s.one_at_a_time} events/s (${bus.calls.one_at_a_time} calls)`);
      console.log(`  runs (batch, <= ${env.BENCH_BUS_MAX_BATCH}) : ${bus.events_per_s.batch} events/s (${bus.calls.batch} calls); speedup ${bus.speedup}x; facts equal: ${bus.facts_equal}`);
      if (!bus.facts_equal) fail('bus phase: the facts projected in runs differ from those projected one event at a time');
    }

    // --- Build: the year in time order, facts per batch, rollups every few batches; raw events stored beside. ---
    console.log(`storage: ${embedded ? 'embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL'}; ${env.BENCH_INCIDENTS} incidents over ${YEAR.from}..${YEAR.to}, batches of ${env.BENCH_BATCH}, rollups drained every ${env.BENCH_ROLL_EVERY} batches, ${env.BENCH_ROLL_LIMIT} dirty facts a round`);
    let events = 0;
    let batches = 0;
    let validated = 0;
    let factsMs = 0;
    let rollMs = 0;
    let rawMs = 0;
    let generateMs = 0;
    const types = new Map<string, number>();
    const cpu = cpuShare();
    const started = performance.now();
    let lastLog = started;
    const year = incidentYear(env.BENCH_INCIDENTS, env.BENCH_SEED, env.BENCH_BATCH);
    for (;;) {
      const g0 = performance.now();
      const next = year.next();
      generateMs += performance.now() - g0;
      if (next.done === true) break;
      const batch: IncidentEvent[] = next.value;
      // Every payload of the first batch and one in 500 after: valid against the contract.
      for (const [i, event] of batch.entries()) {
        types.set(event.type, (types.get(event.type) ?? 0) + 1);
        if (batches === 0 || i % 500 === 0) {
          registry.validatePayload(incidentTopic.name, event.type, event.data);
          validated += 1;
        }
      }
      const t0 = performance.now();
      await projector.apply(batch);
      const t1 = performance.now();
      await raw.insertMany(batch.map((event) => ({ ...event })), { ordered: false });
      const t2 = performance.now();
      factsMs += t1 - t0;
      rawMs += t2 - t1;
      events += batch.length;
      batches += 1;
      if (batches % env.BENCH_ROLL_EVERY === 0) {
        await rollups.drain(env.BENCH_ROLL_LIMIT);
        rollMs += performance.now() - t2;
      }
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        const at = (batch.at(-1) as IncidentEvent).data.at.slice(0, 10);
        console.log(`  ... ${events} events (up to ${at}) in ${round((lastLog - started) / 1000)} s: facts ${round(factsMs / 1000)} s, rollups ${round(rollMs / 1000)} s, raw insert ${round(rawMs / 1000)} s; rss ${JSON.stringify(residentMb())} MB`);
      }
    }
    const t3 = performance.now();
    await rollups.drain(env.BENCH_ROLL_LIMIT);
    rollMs += performance.now() - t3;
    const buildShare = cpu();
    const buildWallMs = performance.now() - started;
    const factsPerS = Math.round(events / (factsMs / 1000));
    const rollupsPerS = Math.round(events / (rollMs / 1000));
    const buildPerS = Math.round(events / ((factsMs + rollMs) / 1000));
    const factDocs = await connection.collection('reporting_incident_facts').estimatedDocumentCount();
    const rollupDocs = await connection.collection('reporting_incident_rollups').estimatedDocumentCount();
    console.log(`built: ${events} events (${[...types].map(([t, n]) => `${t.slice(14, -3)} ${n}`).join(', ')}) in ${round(buildWallMs / 1000)} s wall`);
    console.log(`  facts   (IncidentProjector.apply) : ${round(factsMs / 1000)} s = ${factsPerS} events/s`);
    console.log(`  rollups (IncidentRollups.drain)   : ${round(rollMs / 1000)} s = ${rollupsPerS} events/s`);
    console.log(`  together                          : ${buildPerS} events/s  (${factDocs} facts, ${rollupDocs} rollup documents)`);
    console.log(`  raw insertMany (baseline's copy)  : ${round(rawMs / 1000)} s; generating: ${round(generateMs / 1000)} s; ${validated} payloads validated; cpu own ${buildShare.ownPct}% others ${buildShare.othersPct}%`);
    const storeMs = [...watch].filter(([name]) => name !== 'facts.load' && name !== 'facts.write').reduce((sum, [, t]) => sum + t.ms, 0);
    console.log(`  where the build goes (store calls; rollDay computing in this process: ${round((rollMs - storeMs) / 1000)} s of the rollups):`);
    for (const line of showStopwatch(watch)) console.log(`    ${line}`);

    // --- Latency: the two reports from the rollups, random parameters (seeded), after a warm-up. ---
    const random = seededRandom(env.BENCH_SEED + 1);
    const months = periodBuckets({ ...YEAR, timeZone: ZONE, grain: 'month' });
    const randomMonth = (): PeriodBucket => months[Math.floor(random() * months.length)] as PeriodBucket;
    const randomSupplier = (): string => SUPPLIERS[Math.floor(random() * SUPPLIERS.length)] as string;
    for (let i = 0; i < WARMUP_QUERIES; i += 1) {
      await reports.report(monthByPriorityQuery(randomMonth().label));
      await reports.report(scorecardQuery(randomSupplier()));
    }
    const monthSamples = new Float64Array(env.BENCH_QUERIES);
    const scorecardSamples = new Float64Array(env.BENCH_QUERIES);
    const queryShare = cpuShare();
    for (let i = 0; i < env.BENCH_QUERIES; i += 1) {
      const month = randomMonth().label;
      const supplier = randomSupplier();
      await timed(monthSamples, i, () => reports.report(monthByPriorityQuery(month)));
      await timed(scorecardSamples, i, () => reports.report(scorecardQuery(supplier)));
    }
    const queryCpu = queryShare();
    const monthLatency = summarizeLatency(monthSamples);
    const scorecardLatency = summarizeLatency(scorecardSamples);

    // --- Where a report's time goes: documents read, their size, the read (wire + decode) against the summing. ---
    const anatomy = async (query: IncidentReportQuery) => {
      const buckets = periodBuckets(query.period);
      const selection = selectRollups(query.groupBy, query.filter);
      const r0 = performance.now();
      const docs = await rollupStore.find(selection.family, selection.a, selection.b, dayOf((buckets[0] as PeriodBucket).start), dayOf((buckets.at(-1) as PeriodBucket).end - 1), slotDays(buckets));
      const r1 = performance.now();
      incidentReportRows(sumRollups(docs, buckets, selection.groupField));
      const r2 = performance.now();
      const bytes = docs.reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0);
      return { docs: docs.length, kb: round(bytes / 1024), readMs: round(r1 - r0, 2), sumMs: round(r2 - r1, 2) };
    };
    const monthAnatomy = await anatomy(monthByPriorityQuery(months[5]?.label ?? '2025-06'));
    const scorecardAnatomy = await anatomy(scorecardQuery(SUPPLIERS[0] as string));
    // The same two reports' finds as the server sees them (recorded on a second, monitored connection): plan, examined, sizes, server against wire.
    const monitored = await connectContext(mongo, 'reporting', { monitorCommands: true });
    const monitoredReports = new IncidentReports(new IncidentRollupRepository(monitored), facts, { now: () => new Date() });
    const native = monitored.db;
    if (native === undefined) throw new Error('bench: the monitored connection has no database');
    const monthReads = await readAnatomy(native, await recordFinds(monitored.getClient(), () => monitoredReports.report(monthByPriorityQuery(months[5]?.label ?? '2025-06'))));
    const scorecardReads = await readAnatomy(native, await recordFinds(monitored.getClient(), () => monitoredReports.report(scorecardQuery(SUPPLIERS[0] as string))));
    await monitored.close();

    // --- Baseline: the same reports by aggregation over the raw events, same random parameters; answers compared. ---
    const baselineRandom = seededRandom(env.BENCH_SEED + 2);
    const baselineMonth = new Float64Array(env.BENCH_BASELINE_QUERIES);
    const baselineScorecard = new Float64Array(env.BENCH_BASELINE_QUERIES);
    let compared = 0;
    for (let i = 0; i < env.BENCH_BASELINE_QUERIES; i += 1) {
      const month = months[Math.floor(baselineRandom() * months.length)] as PeriodBucket;
      const supplier = SUPPLIERS[Math.floor(baselineRandom() * SUPPLIERS.length)] as string;
      const aggregated = await timed(baselineMonth, i, () => monthByPriority(raw, month));
      const projected = resolutionsOf(await reports.report(monthByPriorityQuery(month.label)));
      if (aggregated.size === 0) fail(`month ${month.label} by priority: the aggregation found no resolution (nothing compared)`);
      if (sorted(aggregated) !== sorted(projected)) fail(`month ${month.label} by priority: aggregation ${sorted(aggregated)} != projection ${sorted(projected)}`);
      const card = await timed(baselineScorecard, i, () => supplierScorecard(raw, supplier, months));
      const projectedCard = scorecardOf(await reports.report(scorecardQuery(supplier)));
      if (card.size === 0) fail(`scorecard of ${supplier}: the aggregation found nothing (nothing compared)`);
      if (sorted(card) !== sorted(projectedCard)) fail(`scorecard of ${supplier}: aggregation ${sorted(card)} != projection ${sorted(projectedCard)}`);
      compared += 2;
      console.log(`  baseline ${i + 1}/${env.BENCH_BASELINE_QUERIES}: month ${month.label} ${round(baselineMonth[i] as number)} ms, scorecard ${supplier} ${round(baselineScorecard[i] as number)} ms`);
    }
    const baseMonthLatency = summarizeLatency(baselineMonth);
    const baseScorecardLatency = summarizeLatency(baselineScorecard);
    const monthSpeedup = round(baseMonthLatency.p95Ms / monthLatency.p95Ms);
    const scorecardSpeedup = round(baseScorecardLatency.p95Ms / scorecardLatency.p95Ms);
    const memory = residentMb();

    console.log(`reports (${ZONE}), after ${WARMUP_QUERIES} warm-up each; cpu own ${queryCpu.ownPct}% others ${queryCpu.othersPct}%:`);
    console.log(`  ${showLatency('month by priority (rollups)', monthLatency)}`);
    console.log(`  ${showLatency('supplier scorecard (rollups)', scorecardLatency)}`);
    console.log(`  ${showLatency('month by priority (aggregation)', baseMonthLatency)}`);
    console.log(`  ${showLatency('supplier scorecard (aggregation)', baseScorecardLatency)}`);
    console.log(`  speed-up at p95: month by priority ${monthSpeedup}x, scorecard ${scorecardSpeedup}x (target ${TARGET_SPEEDUP}x); target p95 < ${TARGET_P95_MS} ms`);
    console.log(`  one month by priority reads ${monthAnatomy.docs} rollups (${monthAnatomy.kb} KB BSON): read ${monthAnatomy.readMs} ms, summing ${monthAnatomy.sumMs} ms`);
    console.log(`  one scorecard reads ${scorecardAnatomy.docs} rollups (${scorecardAnatomy.kb} KB BSON): read ${scorecardAnatomy.readMs} ms, summing ${scorecardAnatomy.sumMs} ms`);
    for (const line of [...showAnatomy('  month by priority, its finds', monthReads), ...showAnatomy('  scorecard, its finds', scorecardReads)]) console.log(line);
    console.log(`  ${compared} baseline answers compared with the projection's: ${failures.length === 0 ? 'all equal' : `${failures.length} differ`}`);
    const missed = [
      ...(monthLatency.p95Ms >= TARGET_P95_MS ? ['month_priority_p95'] : []),
      ...(scorecardLatency.p95Ms >= TARGET_P95_MS ? ['scorecard_p95'] : []),
      ...(monthSpeedup < TARGET_SPEEDUP ? ['month_priority_speedup'] : []),
      ...(scorecardSpeedup < TARGET_SPEEDUP ? ['scorecard_speedup'] : []),
    ];
    console.log(`targets missed: ${missed.length === 0 ? 'none' : missed.join(', ')}; rss ${memory.own} MB (bench), ${memory.children} MB (embedded server)`);
    for (const failure of failures.slice(0, 5)) console.log(`FAILED: ${failure.slice(0, 2_000)}`);
    console.log(
      JSON.stringify({
        bench: 'reporting',
        storage: embedded ? 'embedded' : 'mongo_url',
        incidents: env.BENCH_INCIDENTS,
        events,
        batch: env.BENCH_BATCH,
        roll_every_batches: env.BENCH_ROLL_EVERY,
        roll_limit: env.BENCH_ROLL_LIMIT,
        fact_docs: factDocs,
        rollup_docs: rollupDocs,
        build_wall_s: round(buildWallMs / 1000),
        facts_s: round(factsMs / 1000),
        rollups_s: round(rollMs / 1000),
        raw_insert_s: round(rawMs / 1000),
        facts_events_per_s: factsPerS,
        rollups_events_per_s: rollupsPerS,
        build_events_per_s: buildPerS,
        queries: env.BENCH_QUERIES,
        month_priority_p50_ms: monthLatency.p50Ms,
        month_priority_p95_ms: monthLatency.p95Ms,
        month_priority_p99_ms: monthLatency.p99Ms,
        scorecard_p50_ms: scorecardLatency.p50Ms,
        scorecard_p95_ms: scorecardLatency.p95Ms,
        scorecard_p99_ms: scorecardLatency.p99Ms,
        baseline_queries: env.BENCH_BASELINE_QUERIES,
        baseline_month_priority_p50_ms: baseMonthLatency.p50Ms,
        baseline_month_priority_p95_ms: baseMonthLatency.p95Ms,
        baseline_scorecard_p50_ms: baseScorecardLatency.p50Ms,
        baseline_scorecard_p95_ms: baseScorecardLatency.p95Ms,
        month_priority_speedup: monthSpeedup,
        scorecard_speedup: scorecardSpeedup,
        month_priority_rollups_read: monthAnatomy.docs,
        month_priority_rollups_kb: monthAnatomy.kb,
        scorecard_rollups_read: scorecardAnatomy.docs,
        scorecard_rollups_kb: scorecardAnatomy.kb,
        month_priority_finds: monthReads.finds,
        scorecard_finds: scorecardReads.finds,
        baseline_answers_compared: compared,
        mismatches: failures.length,
        targets_missed: missed,
        rollup_docs_written: watch.get('rollups.replaceDay')?.docs ?? 0,
        rollup_days_replaced: watch.get('rollups.replaceDay')?.calls ?? 0,
        rollup_write_s: round((watch.get('rollups.replaceDay')?.ms ?? 0) / 1000),
        fact_reads_for_rollups: watch.get('facts.ofDay')?.docs ?? 0,
        rss_mb: memory.own,
        embedded_rss_mb: memory.children,
        cpu_others_pct: queryCpu.othersPct,
        ...(bus === undefined
          ? {}
          : {
              bus_events: bus.events,
              bus_max_batch: env.BENCH_BUS_MAX_BATCH,
              bus_one_at_a_time_events_per_s: bus.events_per_s.one_at_a_time,
              bus_batch_events_per_s: bus.events_per_s.batch,
              bus_batch_speedup: bus.speedup,
              bus_one_at_a_time_calls: bus.calls.one_at_a_time,
              bus_batch_calls: bus.calls.batch,
              bus_facts_equal: bus.facts_equal,
            }),
      }),
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    for (const step of cleanup.reverse()) {
      await step().catch((error: unknown) => console.error('cleanup step failed:', error));
    }
  }
}

runBench(main);
