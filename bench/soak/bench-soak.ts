/**
 * npm run bench:soak [-- --duration 10m --rate 5] — the all-in-one under a bounded mixed load for a
 * while: does it keep answering without errors, with flat memory and a stable p99?
 *
 * Starts `dist/apps/platform/src/main.js` (what `npm start` runs) as a child process with the
 * environment `npm start` gets plus the bench's: a free PORT, a dev signing key in a temp dir,
 * LOG_LEVEL=warn, and MONGO_URL + MONGO_DB_PREFIX naming the bench's storage: the embedded
 * MongoDB-wire server the all-in-one would start itself (MONGO_URL from the environment when set: a
 * uniquely named set of databases, dropped at the end), so the bench can read the SLA firings after
 * the run. Seeds a soak assignment group with SLA policies of 1 and 2 minutes, so warnings and
 * breaches fall due during the run. Then an open-loop load at a fixed rate (soak-load.ts) through
 * the gateway: opens, lifecycle updates, incident lists and details, CMDB reads and impact analysis.
 * The platform's heap and RSS are read from its /metrics (prom-client) every few seconds; its live
 * heap from heap-probe.ts, preloaded into it: a forced full collection every 30 s, then the heap
 * (requests in flight during that pause are left out of the latency figures, and counted).
 *
 * Verdict (figures.ts, README "Soak"): no errors (GraphQL error, non-2xx, timeout, malformed
 * answer, error-level log line, SLA emission missed / spurious / unpublished, unclean exit); after
 * the warm-up, heap and RSS slopes under the limits and last vs first window mean ratios under
 * MEMORY_RATIO; last vs first post-warm-up window p99 under P99_RATIO. Exit code 1 when a check
 * fails. The last line is one JSON object.
 */
import { AuthEnv, issueDevToken } from '@itsm/platform/auth';
import { ConfigError, loadConfig } from '@itsm/platform/config';
import { connectContext, freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import { seededRandom } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveHeapSample, MemorySample, SoakLimits } from './figures';
import { fixed, flatness, percentiles, toMb, undisturbed, verdict, windows } from './figures';
import { field, GraphqlClient, list } from './gql-client';
import { childPid, loadAverage, procCpuMs, procRss, readMemory, startPlatform } from './platform-child';
import type { PlatformChild } from './platform-child';
import { compareEmissions, readSoakClocks, seedSoakPolicies, SOAK_DEFINITIONS, waitForPublished } from './sla-check';
import type { EmissionCheck } from './sla-check';
import { SOAK_USAGE, SoakUsageError, soakSettings } from './soak-args';
import type { SoakSettings } from './soak-args';
import type { CmdbFacts } from './soak-load';
import { SOAK_ASSIGNEES, SoakLoad } from './soak-load';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js');
const START_TIMEOUT_MS = 120_000;
/** The SLA engine re-reads its policies every SLA_POLICY_POLL_MS (5 s by default). */
const POLICY_PICKUP_MS = 6_000;
/** After the drain: the last emissions' timers (due within a second) and a publish checkpoint (1 s). */
const SLA_SETTLE_MS = 4_000;
/** Then until every claim is covered by a publish checkpoint, at most this long (the final check follows the stop). */
const PUBLISH_WAIT_MS = 30_000;
/** SIGTERM to exit: the all-in-one promises 10 s. */
const STOP_GRACE_MS = 15_000;

/**
 * The verdict's limits. Heap (live, after the probe's full collections): 1 MB/min is 1.4 GB a day,
 * a leak any operator would page on; the ratio bounds the drift between the first and the last
 * measured window. RSS (every sample) follows the heap plus allocator and code-space slack, hence
 * twice the slope. p99: a doubling is a trend, not noise (each window holds a few hundred requests,
 * so its p99 is among its few slowest and moves with the machine's other load).
 */
const LIMITS: SoakLimits = { heapSlopeMbPerMin: 1, rssSlopeMbPerMin: 2, memoryRatio: 1.1, p99Ratio: 2 };

const PROBE = '{ incidents(first: 1) { edges { cursor } } }';
const CI_PAGE = 'query($after: String) { configurationItems(first: 100, after: $after) { edges { node { id classId } } pageInfo { hasNextPage endCursor } } }';

async function waitUntilServing(client: GraphqlClient, token: string, child: PlatformChild): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (child.exited()) throw new Error(`the platform exited while starting:\n${child.output().slice(-4000)}`);
    const answer = await client.request(token, PROBE, {}, (d) => (list(field(d, 'incidents'), 'edges') ? d : 'no edges'));
    if (answer.ok) return Date.now() - started;
    last = `${answer.kind}: ${answer.detail}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the platform did not serve GraphQL within ${START_TIMEOUT_MS} ms (${last}):\n${child.output().slice(-4000)}`);
}

/** Every CI id (paged), its classes, and the business services (for service maps). */
async function cmdbFacts(client: GraphqlClient, token: string): Promise<CmdbFacts> {
  const cis: { id: string; classId: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await client.request(token, CI_PAGE, { after }, (d) => field(d, 'configurationItems') ?? 'no configurationItems');
    if (!page.ok) throw new Error(`soak set-up: reading the CMDB failed (${page.kind}): ${page.detail}`);
    for (const edge of (page.data['edges'] as { node: { id: string; classId: string } }[] | undefined) ?? []) cis.push(edge.node);
    const info = page.data['pageInfo'] as { hasNextPage: boolean; endCursor: string | null };
    if (!info.hasNextPage) break;
    after = info.endCursor;
  }
  const businessServiceIds = cis.filter((ci) => ci.classId === 'business_service').map((ci) => ci.id);
  if (cis.length === 0 || businessServiceIds.length === 0) throw new Error(`soak set-up: the demo CMDB is missing (${cis.length} CIs, ${businessServiceIds.length} business services)`);
  return { ciIds: cis.map((ci) => ci.id), classIds: [...new Set(cis.map((ci) => ci.classId))], businessServiceIds };
}

/** Memory samples every `everyMs` from `origin` (performance.now() of the load start) until stopped. */
function sampleMemory(child: PlatformChild, storePid: number | null, origin: number, everyMs: number, onUnavailable: (detail: string) => void): { samples: MemorySample[]; stop: () => Promise<void> } {
  const samples: MemorySample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const atMs = performance.now() - origin;
      const memory = await readMemory(child);
      if (memory.source !== 'metrics') onUnavailable(`at ${(atMs / 1000).toFixed(0)} s: /metrics unreadable, RSS from /proc`);
      samples.push({
        atMs,
        heapUsedBytes: memory.heapUsedBytes,
        rssBytes: memory.rssBytes,
        cpuMs: procCpuMs(child.pid),
        gcSeconds: memory.gcSeconds,
        loadAvg: loadAverage(),
        storeRssBytes: storePid === null ? null : procRss(storePid),
        storeCpuMs: storePid === null ? null : procCpuMs(storePid),
      });
      const next = everyMs - ((performance.now() - origin) % everyMs);
      await new Promise((resolve) => setTimeout(resolve, next));
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function soak(settings: SoakSettings): Promise<number> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const dir = await mkdtemp(join(tmpdir(), 'itsm-soak-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const embedded = settings.mongoUrl === undefined ? await startEmbeddedMongo() : undefined;
    if (embedded) cleanup.push(() => embedded.stop());
    const mongo = { url: embedded?.url ?? settings.mongoUrl ?? '', dbPrefix: `${settings.mongoDbPrefix}_soak${randomUUID().slice(0, 8)}` };

    const keyFile = join(dir, 'dev-jwt-key.json');
    const auth = loadConfig(AuthEnv, {});
    const audience = { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE };
    const ttlSeconds = Math.ceil(settings.durationMs / 1000) + 3_600;
    const agent = await issueDevToken(keyFile, { sub: 'u-agent', name: 'Soak agent', roles: ['agent'], ttlSeconds }, audience);
    const admin = await issueDevToken(keyFile, { sub: 'u-admin', name: 'Soak admin', roles: ['admin'], ttlSeconds }, audience);

    const port = await freePort();
    const child = startPlatform(ROOT, port, { AUTH_DEV_KEY_FILE: keyFile, LOG_LEVEL: 'warn', MONGO_URL: mongo.url, MONGO_DB_PREFIX: mongo.dbPrefix }, settings.probeMs);
    cleanup.push(() => child.stop(STOP_GRACE_MS));
    const slaDb = await connectContext(mongo, 'sla');
    cleanup.push(async () => {
      if (!embedded) {
        for (const context of ['sla', 'incident', 'cmdb']) await slaDb.useDb(`${mongo.dbPrefix}_${context}`).dropDatabase();
      }
      await slaDb.close();
    });

    const client = new GraphqlClient(child.url);
    const startMs = await waitUntilServing(client, agent, child);
    await seedSoakPolicies(client, admin, ['u-agent', ...SOAK_ASSIGNEES]);
    const cmdb = await cmdbFacts(client, agent);
    await new Promise((resolve) => setTimeout(resolve, POLICY_PICKUP_MS));
    const idle = await readMemory(child);
    console.log(
      `platform pid ${child.pid} serving in ${startMs} ms on ${embedded ? 'the embedded MongoDB-wire server' : 'MONGO_URL'}; idle heap ${toMb(idle.heapUsedBytes)} MB, RSS ${toMb(idle.rssBytes)} MB; ` +
        `${cmdb.ciIds.length} CIs; load ${settings.ratePerS} req/s for ${settings.durationMs / 1000} s (warm-up ${settings.warmupMs / 1000} s, windows ${settings.windowMs / 1000} s)`,
    );

    const load = new SoakLoad({ client, token: agent, ratePerS: settings.ratePerS, durationMs: settings.durationMs, random: seededRandom(settings.seed), cmdb });
    const origin = performance.now();
    const loadStartedAt = Date.now();
    const storePid = embedded ? childPid(process.pid, 'embedded-mongo-server') : null;
    const sampler = sampleMemory(child, storePid, origin, settings.sampleMs, (detail) => load.recordError('metrics_unavailable', detail));
    const progress = setInterval(() => {
      const s = load.samples.filter((r) => r.dueMs >= performance.now() - origin - settings.windowMs);
      const last = sampler.samples.at(-1);
      console.log(
        `  ${((performance.now() - origin) / 1000).toFixed(0)} s: ${load.samples.length} answered, p99 last window ${percentiles(s.map((r) => r.latencyMs)).p99Ms} ms, ` +
          `${[...load.errors.values()].reduce((a, e) => a + e.count, 0)} errors, ${load.openCount} soak incidents open, heap ${toMb(last?.heapUsedBytes ?? NaN)} MB, RSS ${toMb(last?.rssBytes ?? NaN)} MB`,
      );
    }, settings.windowMs);
    await load.run(origin);
    clearInterval(progress);
    await sampler.stop();
    if (child.exited()) load.recordError('child_exit', `the platform exited during the run:\n${child.output().slice(-2000)}`);

    const drained = load.incidents.filter((i) => !i.resolved).length;
    await load.drain();
    await new Promise((resolve) => setTimeout(resolve, SLA_SETTLE_MS));
    await waitForPublished(slaDb, PUBLISH_WAIT_MS);
    const clocks = await readSoakClocks(client, agent, load.incidents.map((i) => i.id), load.errors);

    const stopped = await child.stop(STOP_GRACE_MS);
    const sla = await compareEmissions(slaDb, clocks, loadStartedAt, load.errors);
    if (stopped.code !== 0) load.recordError('child_exit', `SIGTERM: exit ${String(stopped.code)} after ${stopped.ms} ms`);
    if (child.log.errors > 0) load.recordError('log_error', child.log.samples.join('\n'));
    for (let i = 1; i < child.log.errors; i++) load.recordError('log_error', '');

    const live = child.probes.map((p) => ({ atMs: p.at - loadStartedAt, heapUsedBytes: p.heapUsedBytes, externalBytes: p.externalBytes, arrayBuffersBytes: p.arrayBuffersBytes, rssBytes: p.rssBytes, gcMs: p.gcMs }));
    return report(settings, load, sampler.samples, live, sla, { drained, stopMs: stopped.ms, exitCode: stopped.code, logWarnings: child.log.warnings, idleHeapMb: toMb(idle.heapUsedBytes), idleRssMb: toMb(idle.rssBytes), startMs });
  } finally {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error('cleanup step failed:', error));
  }
}

interface RunFacts {
  readonly drained: number;
  readonly stopMs: number;
  readonly exitCode: number | string | null;
  readonly logWarnings: number;
  readonly idleHeapMb: number;
  readonly idleRssMb: number;
  readonly startMs: number;
}

function report(settings: SoakSettings, load: SoakLoad, memory: readonly MemorySample[], live: readonly LiveHeapSample[], sla: EmissionCheck, facts: RunFacts): number {
  const { durationMs, warmupMs, windowMs } = settings;
  const { kept, disturbed } = undisturbed(load.samples, live);
  const perWindow = windows(durationMs, windowMs, kept, memory, live, sla.emittedAtMs);
  console.log('window      requests  p50 ms  p95 ms  p99 ms  errors  live heap MB  heap peak MB  RSS MB  GC ms  CPU %  load  SLA emissions  store CPU %  store RSS MB');
  for (const w of perWindow) {
    const l = w.latency;
    console.log(
      `${`${w.startS}-${w.endS} s`.padEnd(12)}${String(l.n).padStart(8)}${String(l.p50Ms).padStart(8)}${String(l.p95Ms).padStart(8)}${String(l.p99Ms).padStart(8)}` +
        `${String(w.errors).padStart(8)}${String(w.liveHeapMb).padStart(14)}${String(w.heapPeakMb).padStart(14)}${String(w.rssMb).padStart(8)}${String(w.gcMs).padStart(7)}${String(w.cpuPct ?? '-').padStart(7)}${String(w.loadAvg).padStart(6)}${String(w.slaEmissions).padStart(15)}${String(w.storeCpuPct ?? '-').padStart(13)}${String(w.storeRssMb ?? '-').padStart(14)}`,
    );
  }
  const measured = perWindow.filter((w) => w.startS * 1000 >= warmupMs);
  const first = measured[0];
  const last = measured.at(-1);
  const p99Ratio = first && last ? fixed(last.latency.p99Ms / first.latency.p99Ms, 3) : NaN;
  const heap = flatness(live.map((l) => ({ atMs: l.atMs, bytes: l.heapUsedBytes })), warmupMs, durationMs, windowMs);
  const rss = flatness(memory.map((m) => ({ atMs: m.atMs, bytes: m.rssBytes })), warmupMs, durationMs, windowMs);
  // A figure, not a check: whether RSS growth is memory bound to JS objects (Buffers) or native/fragmentation.
  const external = flatness(live.map((l) => ({ atMs: l.atMs, bytes: l.externalBytes })), warmupMs, durationMs, windowMs);
  const forced = percentiles(live.map((l) => l.gcMs));
  const errors = [...load.errors.values()].reduce((a, e) => a + e.count, 0);
  const checks = verdict(errors, heap, rss, p99Ratio, LIMITS);
  const after = kept.filter((r) => r.dueMs >= warmupMs);
  const overall = percentiles(after.map((r) => r.latencyMs));
  const lag = percentiles(load.samples.map((r) => r.sendLagMs));
  const kinds = [...new Set(load.samples.map((r) => r.kind))].sort();
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, percentiles(after.filter((r) => r.kind === kind).map((r) => r.latencyMs))]));

  console.log(
    `heap probe: ${live.length} forced full collections (every ${settings.probeMs} ms), p50 ${forced.p50Ms} ms, max ${forced.maxMs} ms; ` +
      `${disturbed} of ${load.samples.length} requests were in flight during one and are left out of the latency figures`,
  );
  console.log(`after warm-up: ${overall.n} requests, p50 ${overall.p50Ms} ms, p95 ${overall.p95Ms} ms, p99 ${overall.p99Ms} ms, max ${overall.maxMs} ms; load generator send lag p99 ${lag.p99Ms} ms`);
  for (const kind of kinds) console.log(`  ${kind.padEnd(12)} n ${String(byKind[kind]?.n).padStart(5)}  p50 ${byKind[kind]?.p50Ms} ms  p99 ${byKind[kind]?.p99Ms} ms`);
  console.log(
    `SLA: ${sla.emissions} emissions (${sla.warnings} warnings, ${sla.breaches} breaches) from policies ${SOAK_DEFINITIONS.map((d) => d.id).join(', ')}; ` +
      `soak incidents: ${sla.expected} due by their clocks, ${sla.matched} emitted, ${sla.raced} raced a stop`,
  );
  console.log(`incidents: ${load.incidents.length} opened, ${facts.drained} still open at the end (resolved after the run); SIGTERM exit ${String(facts.exitCode)} in ${facts.stopMs} ms; ${facts.logWarnings} warn-level log lines`);
  console.log(`errors: ${errors}${errors === 0 ? '' : ' (must be 0)'}`);
  for (const [kind, e] of load.errors) console.log(`  ${e.count} x ${kind}${e.example ? `: ${e.example.slice(0, 300)}` : ''}`);
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`);
  const pass = checks.every((c) => c.ok);
  console.log(
    JSON.stringify({
      bench: 'soak',
      verdict: pass ? 'pass' : 'fail',
      failed_checks: checks.filter((c) => !c.ok).map((c) => c.name),
      duration_s: durationMs / 1000,
      warmup_s: warmupMs / 1000,
      window_s: windowMs / 1000,
      rate_per_s: settings.ratePerS,
      requests: load.samples.length,
      requests_left_out_forced_gc: disturbed,
      errors,
      errors_by_kind: Object.fromEntries([...load.errors].map(([kind, e]) => [kind, e.count])),
      p50_ms: overall.p50Ms,
      p95_ms: overall.p95Ms,
      p99_ms: overall.p99Ms,
      max_ms: overall.maxMs,
      send_lag_p99_ms: lag.p99Ms,
      first_window_p99_ms: first?.latency.p99Ms ?? NaN,
      last_window_p99_ms: last?.latency.p99Ms ?? NaN,
      p99_last_vs_first_ratio: p99Ratio,
      heap_slope_mb_per_min: heap.slopeMbPerMin,
      live_heap_first_window_mb: heap.firstWindowMb,
      live_heap_last_window_mb: heap.lastWindowMb,
      heap_last_vs_first_ratio: heap.lastVsFirstRatio,
      rss_slope_mb_per_min: rss.slopeMbPerMin,
      rss_first_window_mb: rss.firstWindowMb,
      external_slope_mb_per_min: external.slopeMbPerMin,
      live_external_first_window_mb: external.firstWindowMb,
      live_external_last_window_mb: external.lastWindowMb,
      rss_last_window_mb: rss.lastWindowMb,
      forced_gc_every_ms: settings.probeMs,
      forced_gc_p50_ms: forced.p50Ms,
      forced_gc_max_ms: forced.maxMs,
      rss_last_vs_first_ratio: rss.lastVsFirstRatio,
      idle_heap_mb: facts.idleHeapMb,
      idle_rss_mb: facts.idleRssMb,
      start_ms: facts.startMs,
      stop_ms: facts.stopMs,
      sla_emissions: sla.emissions,
      sla_warnings: sla.warnings,
      sla_breaches: sla.breaches,
      sla_expected: sla.expected,
      sla_emitted_vs_expected_ratio: fixed(sla.matched / sla.expected, 3),
      sla_raced: sla.raced,
      incidents_opened: load.incidents.length,
      windows: perWindow.map((w) => ({
        start_s: w.startS,
        requests: w.latency.n,
        p50_ms: w.latency.p50Ms,
        p95_ms: w.latency.p95Ms,
        p99_ms: w.latency.p99Ms,
        errors: w.errors,
        live_heap_mb: w.liveHeapMb,
        live_external_mb: w.liveExternalMb,
        live_array_buffers_mb: w.liveArrayBuffersMb,
        heap_peak_mb: w.heapPeakMb,
        rss_mb: w.rssMb,
        gc_ms: w.gcMs,
        load_avg: w.loadAvg,
        cpu_pct: w.cpuPct,
        sla_emissions: w.slaEmissions,
        store_cpu_pct: w.storeCpuPct,
        store_rss_mb: w.storeRssMb,
      })),
      limits: { heap_slope_mb_per_min: LIMITS.heapSlopeMbPerMin, rss_slope_mb_per_min: LIMITS.rssSlopeMbPerMin, memory_last_vs_first_ratio: LIMITS.memoryRatio, p99_last_vs_first_ratio: LIMITS.p99Ratio },
    }),
  );
  return pass ? 0 : 1;
}

function main(): Promise<number> {
  let settings: SoakSettings;
  try {
    settings = soakSettings(process.argv.slice(2), process.env);
  } catch (error: unknown) {
    if (error instanceof SoakUsageError) {
      console.error(`bench:soak: ${error.message}\n${SOAK_USAGE}`);
      return Promise.resolve(2);
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return Promise.resolve(78);
    }
    throw error;
  }
  return soak(settings);
}

// A failure of the bench itself (not a failed check) prints its stack and exits 1.
void main()
  .catch((error: unknown) => {
    console.error(error);
    return 1;
  })
  .then((code) => (process.exitCode = code));
