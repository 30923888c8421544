/**
 * npm run bench:change — conflict detection and the next conflict-free window search at size, each
 * beside a naive scan measured in the same run.
 *
 * 1. The CMDB bench's generated topology (bench/cmdb/topology.ts: CHANGE_BENCH_CIS CIs,
 *    CHANGE_BENCH_RELATIONSHIPS relationships, seeded) as the change context's CMDB projection
 *    (in memory, CSR both ways: projection.ts).
 * 2. CHANGE_BENCH_CHANGES changes holding windows over a year, CHANGE_BENCH_WINDOWS recurring
 *    maintenance windows in seven zones, CHANGE_BENCH_BLACKOUTS blackouts (scenario.ts); the
 *    interval index (ScheduleIndex) and the calendar built from them, the calendar's occurrences
 *    expanded for the year plus the 90-day search horizon (all timed).
 * 3. CHANGE_BENCH_QUERIES conflict checks (after CHANGE_BENCH_WARMUP) of a change with
 *    CHANGE_BENCH_SUBJECT_CIS CIs in a random 1-6 h window, end to end (checkConflicts: the CIs of
 *    the changes in the window from the index, the graph read of those through the projection port,
 *    the check); the same question answered naively (every neighbour of the subject's CIs, then a
 *    scan of every held window: `speedup`), and by a scan that reads the graph as the index does
 *    (the overlapping changes' CIs by a scan, only their relationships: `time_first_scan_ratio`),
 *    in rotating order (naive.ts). Both answers must be
 *    equal. Then the detection alone, index and scan, on one graph (`detection_speedup`).
 * 4. The same number of next-free-window searches (2 h, 90 days, 10 candidates) from random
 *    instants; every candidate re-checked with detectConflicts (must be empty).
 *
 * Target: conflict and search p95 under 20 ms, the index at least 10x the scan. The last line is
 * one JSON object; a disagreement between index and scan, or a candidate with conflicts, makes the
 * exit code non-zero (a missed target does not).
 */
import { ChangeCalendar, ScheduleIndex, checkConflicts, detectConflicts, freeWindowRange, loadConflictGraph, nextConflictFreeWindows } from '@itsm/change';
import type { ConflictSources, ConflictSubject, Interval } from '@itsm/change';
import { envSchema, loadConfig } from '@itsm/platform/config';
import { seededRandom } from '@itsm/testing';
import { Type } from '@sinclair/typebox';
import { performance } from 'node:perf_hooks';
import { generateTopology, latency, round, showLatency } from '@itsm/bench-cmdb';
import { fingerprint, fullGraph, naiveConflicts, naiveOthers } from './naive';
import { TopologyProjection } from './projection';
import { DAY_MS, HOUR_MS, YEAR_END, YEAR_START, generateScenario, subjectOf } from './scenario';

const BenchEnv = Type.Object({
  CHANGE_BENCH_CIS: Type.Integer({ minimum: 2_000, default: 100_000 }),
  CHANGE_BENCH_RELATIONSHIPS: Type.Integer({ minimum: 1, default: 300_000 }),
  CHANGE_BENCH_CHANGES: Type.Integer({ minimum: 1, default: 10_000 }),
  CHANGE_BENCH_WINDOWS: Type.Integer({ minimum: 0, default: 2_000 }),
  CHANGE_BENCH_BLACKOUTS: Type.Integer({ minimum: 2, default: 20 }),
  CHANGE_BENCH_PEOPLE: Type.Integer({ minimum: 1, default: 500 }),
  CHANGE_BENCH_SUBJECT_CIS: Type.Integer({ minimum: 1, default: 20 }),
  CHANGE_BENCH_QUERIES: Type.Integer({ minimum: 1, default: 500 }),
  CHANGE_BENCH_WARMUP: Type.Integer({ minimum: 0, default: 50 }),
  CHANGE_BENCH_SEED: Type.Integer({ default: 20_261_202 }),
});
const env = loadConfig(envSchema(BenchEnv), process.env);
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const timedPrecise = <T>(run: () => T): [T, number] => {
  const t0 = performance.now();
  const value = run();
  return [value, performance.now() - t0];
};
const timed = <T>(run: () => T): [T, number] => {
  const t0 = performance.now();
  const value = run();
  return [value, round(performance.now() - t0)];
};

async function main(): Promise<number> {
  const [topology, topologyMs] = timed(() => generateTopology(env.CHANGE_BENCH_CIS, env.CHANGE_BENCH_RELATIONSHIPS, env.CHANGE_BENCH_SEED));
  const projection = new TopologyProjection(topology);
  log(`topology: ${topology.cis.length} CIs, ${topology.relationships.count} relationships (${topologyMs} ms)`);
  const size = { changes: env.CHANGE_BENCH_CHANGES, windows: env.CHANGE_BENCH_WINDOWS, blackouts: env.CHANGE_BENCH_BLACKOUTS, people: env.CHANGE_BENCH_PEOPLE };
  const [scenario, scenarioMs] = timed(() => generateScenario(topology, size, env.CHANGE_BENCH_SEED + 1));
  log(`scenario: ${scenario.changes.length} changes, ${scenario.windows.length} maintenance windows, ${scenario.blackouts.length} blackouts (${scenarioMs} ms)`);
  const [schedule, indexMs] = timed(() => new ScheduleIndex(scenario.changes));
  const calendar = new ChangeCalendar(scenario.windows, scenario.blackouts);
  const [, expandMs] = timed(() => calendar.prepare({ start: YEAR_START - DAY_MS, end: YEAR_END + 91 * DAY_MS }));
  log(`interval index built in ${indexMs} ms; calendar expanded for the year + 90 days in ${expandMs} ms`);

  const random = seededRandom(env.CHANGE_BENCH_SEED + 2);
  const total = env.CHANGE_BENCH_WARMUP + env.CHANGE_BENCH_QUERIES;
  const indexed: number[] = [];
  const naive: number[] = [];
  const timeFirst: number[] = [];
  const indexedDetect: number[] = [];
  const naiveDetect: number[] = [];
  let mismatches = 0;
  let conflictsFound = 0;
  for (let q = 0; q < total; q += 1) {
    const subject: ConflictSubject = subjectOf(scenario, random, env.CHANGE_BENCH_SUBJECT_CIS, `subject-${q}`);
    const start = YEAR_START + Math.floor(random() * 360 * 24) * HOUR_MS;
    const window: Interval = { start, end: start + (1 + Math.floor(random() * 6)) * HOUR_MS };
    // End to end: the graph read through the projection port, then the check (index) or the scan.
    const runIndexed = async (): Promise<[string, number]> => {
      const t0 = performance.now();
      const found = await checkConflicts({ cis: projection, schedule, calendar }, subject, window);
      return [fingerprint(found), performance.now() - t0];
    };
    // The naive check: every neighbour of the subject's CIs, then a scan of every held window.
    const runNaive = async (): Promise<[string, number]> => {
      const t0 = performance.now();
      const graph = await fullGraph(projection, subject.configurationItemIds);
      const found = naiveConflicts(subject, window, scenario.changes, { schedule, calendar, graph });
      return [fingerprint(found), performance.now() - t0];
    };
    // A scan that reads the graph as the index does: the overlapping changes' CIs by a scan, only those relationships.
    const runTimeFirstScan = async (): Promise<[string, number]> => {
      const t0 = performance.now();
      const graph = await loadConflictGraph(projection, subject.configurationItemIds, naiveOthers(subject, window, scenario.changes));
      const found = naiveConflicts(subject, window, scenario.changes, { schedule, calendar, graph });
      return [fingerprint(found), performance.now() - t0];
    };
    const runs = [runIndexed, runNaive, runTimeFirstScan];
    const order = [q % 3, (q + 1) % 3, (q + 2) % 3];
    const answers: [string, number][] = [];
    for (const i of order) answers[i] = await (runs[i] as () => Promise<[string, number]>)();
    const [a, b, c] = answers as [[string, number], [string, number], [string, number]];
    if (a[0] !== b[0] || a[0] !== c[0]) mismatches += 1;
    // The detection alone, on the same graph: what the index changes.
    const sources = { schedule, calendar, graph: await loadConflictGraph(projection, subject.configurationItemIds, schedule.ciIdsOverlapping(window, subject.changeId)) };
    const [, detectMs] = timedPrecise(() => detectConflicts(subject, window, sources));
    const [, scanMs] = timedPrecise(() => naiveConflicts(subject, window, scenario.changes, sources));
    if (q < env.CHANGE_BENCH_WARMUP) continue;
    indexed.push(a[1]);
    naive.push(b[1]);
    timeFirst.push(c[1]);
    indexedDetect.push(detectMs);
    naiveDetect.push(scanMs);
    if (a[0] !== '') conflictsFound += 1;
  }
  const conflict = latency(indexed);
  const scan = latency(naive);
  const timeFirstScan = latency(timeFirst);
  const detection = latency(indexedDetect);
  const scanDetection = latency(naiveDetect);
  log(`conflict check (${env.CHANGE_BENCH_SUBJECT_CIS} CIs, graph read included): ${showLatency(conflict)}; ${conflictsFound} of ${indexed.length} checks found conflicts`);
  log(`the same, naive (every neighbour of the subject's CIs, then a scan of every held window): ${showLatency(scan)}; ${mismatches} disagreements with the index`);
  log(`the same, a scan reading only the overlapping changes' relationships (as the index does): ${showLatency(timeFirstScan)}`);
  log(`detection alone (same graph): index ${showLatency(detection)}; scan ${showLatency(scanDetection)}`);

  const searches: number[] = [];
  let withCandidates = 0;
  let badCandidates = 0;
  for (let q = 0; q < total; q += 1) {
    const subject = subjectOf(scenario, random, env.CHANGE_BENCH_SUBJECT_CIS, `search-${q}`);
    const from = YEAR_START + Math.floor(random() * 270 * 24 * 60) * 60_000;
    const query = { durationMs: 2 * HOUR_MS, from, horizonDays: 90, limit: 10 };
    const t0 = performance.now();
    const graph = await loadConflictGraph(projection, subject.configurationItemIds, schedule.ciIdsOverlapping(freeWindowRange(query), subject.changeId));
    const sources: ConflictSources = { schedule, calendar, graph };
    const candidates = nextConflictFreeWindows(subject, sources, query);
    const elapsed = performance.now() - t0;
    for (const candidate of candidates) if (detectConflicts(subject, candidate, sources).length > 0) badCandidates += 1;
    if (q < env.CHANGE_BENCH_WARMUP) continue;
    searches.push(elapsed);
    if (candidates.length > 0) withCandidates += 1;
  }
  const search = latency(searches);
  log(`next conflict-free window (2 h, 90 days, 10 candidates): ${showLatency(search)}; ${withCandidates} of ${searches.length} found candidates; ${badCandidates} candidates with conflicts`);

  const speedup = round(scan.p95Ms / conflict.p95Ms, 1);
  const timeFirstRatio = round(timeFirstScan.p95Ms / conflict.p95Ms, 1);
  const detectionSpeedup = round(scanDetection.p95Ms / detection.p95Ms, 1);
  const ok = mismatches === 0 && badCandidates === 0;
  log(`targets: conflict p95 < 20 ms ${conflict.p95Ms < 20 ? 'met' : 'MISSED'}, search p95 < 20 ms ${search.p95Ms < 20 ? 'met' : 'MISSED'}, speedup >= 10x ${speedup >= 10 ? 'met' : 'MISSED'} (${speedup}x end to end; ${timeFirstRatio}x against a scan reading the graph as the index does, ${detectionSpeedup}x for the detection alone)`);
  log(
    JSON.stringify({
      cis: topology.cis.length, relationships: topology.relationships.count, changes: scenario.changes.length, maintenance_windows: scenario.windows.length, blackouts: scenario.blackouts.length,
      subject_cis: env.CHANGE_BENCH_SUBJECT_CIS, queries: env.CHANGE_BENCH_QUERIES,
      index_build_ms: indexMs, calendar_expand_ms: expandMs,
      conflict_p50_ms: conflict.p50Ms, conflict_p95_ms: conflict.p95Ms,
      next_window_p50_ms: search.p50Ms, next_window_p95_ms: search.p95Ms,
      naive_conflict_p50_ms: scan.p50Ms, naive_conflict_p95_ms: scan.p95Ms,
      time_first_scan_p50_ms: timeFirstScan.p50Ms, time_first_scan_p95_ms: timeFirstScan.p95Ms,
      detection_p95_ms: detection.p95Ms, naive_detection_p95_ms: scanDetection.p95Ms,
      speedup, time_first_scan_ratio: timeFirstRatio, detection_speedup: detectionSpeedup, disagreements: mismatches, bad_candidates: badCandidates, ok,
    }),
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
