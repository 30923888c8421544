/**
 * npm run bench:gateway — the GraphQL gateway of the platform (`createGatewayApp` of @itsm/gateway,
 * "hive") against a baseline of Apollo Gateway + Apollo Server with the same edge work
 * (apollo-baseline.ts, "apollo"), in one run, in alternating rounds (apollo hive, hive apollo, ...),
 * after a warm-up of each, with the same client: BENCH_GATEWAY_CONNECTIONS keep-alive connections
 * in a closed loop from a child process (load-child.ts), the query mix of query-mix.ts (incident
 * lists with their SLA clocks and affected services, incidents by number, openIncident), every
 * answer checked; any failure makes the exit code non-zero.
 *
 * Parts (BENCH_GATEWAY_PARTS):
 *  - real: the real incident, SLA and CMDB subgraphs with demo data (real-world.ts);
 *  - stub: the same schemas served from memory by another process (stub-subgraphs.ts), answering
 *    what the real ones answered, so the figures are the gateway's own cost.
 * The last line printed is one JSON object (`<part>_<gateway>_<figure>_<unit>`, ratios hive/apollo).
 */
import { cpuShare } from '@itsm/bench-kit';
import type { CpuShare, LatencySummary } from '@itsm/bench-kit';
import { createGatewayApp } from '@itsm/gateway';
import type { QueryLimits, SubgraphEndpoint } from '@itsm/gateway';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings } from '@itsm/platform/auth';
import { CommaList, envSchema, loadConfig } from '@itsm/platform/config';
import { freePort } from '@itsm/platform/persistence';
import { Type } from '@sinclair/typebox';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApolloBaseline } from './apollo-baseline';
import { LoadDriver } from './load-driver';
import type { RoundResult } from './load-protocol';
import type { MixSettings } from './query-mix';
import { MIX } from './query-mix';
import { FEDERATED, startRealWorld } from './real-world';
import { recordStubData } from './recording';
import { StubSubgraphs } from './stub-subgraphs';

const GatewayBenchEnv = Type.Object({
  /** Keep-alive connections of the load child, each in a closed loop. */
  BENCH_GATEWAY_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 1_000, default: 50 }),
  /** Measured rounds per gateway and part. */
  BENCH_GATEWAY_ROUNDS: Type.Integer({ minimum: 1, maximum: 100, default: 6 }),
  BENCH_GATEWAY_ROUND_SECONDS: Type.Number({ minimum: 1, maximum: 600, default: 8 }),
  /** Warm-up of each gateway before a part's rounds (not measured; its failures count). */
  BENCH_GATEWAY_WARMUP_SECONDS: Type.Number({ minimum: 0, maximum: 600, default: 8 }),
  BENCH_GATEWAY_PARTS: CommaList(Type.Union([Type.Literal('real'), Type.Literal('stub')]), { default: ['real', 'stub'] }),
});

const env = loadConfig(envSchema(GatewayBenchEnv), process.env);
const CONNECTIONS = env.BENCH_GATEWAY_CONNECTIONS;
const ROUNDS = env.BENCH_GATEWAY_ROUNDS;
const ROUND_SECONDS = env.BENCH_GATEWAY_ROUND_SECONDS;
const WARMUP_SECONDS = env.BENCH_GATEWAY_WARMUP_SECONDS;
const AUDIENCE = { issuer: 'itsm-bench', audience: 'itsm-bench-api' };
/** The production defaults (GATEWAY_MAX_*). */
const LIMITS: QueryLimits = { maxDepth: 10, maxCost: 5000, maxAliases: 10 };

/** Above this share of the CPUs taken by other processes in any round, the summary says the figures are noisy. */
const OTHERS_CPU_WARN_PCT = 10;

type Side = 'apollo' | 'hive';
type PartName = 'real' | 'stub';

interface RunningGateway {
  readonly url: string;
  close(): Promise<unknown>;
}

async function startGateway(side: Side, subgraphs: readonly SubgraphEndpoint[], auth: AuthSettings): Promise<RunningGateway> {
  const port = await freePort();
  switch (side) {
    case 'apollo':
      return startApolloBaseline({ subgraphs, auth, limits: LIMITS, port });
    case 'hive': {
      const app = await createGatewayApp({ subgraphs, auth, limits: LIMITS, nodeEnv: 'production' }, { port, host: '127.0.0.1', logLevel: 'warn', shutdownHooks: false });
      return { url: `http://127.0.0.1:${port}/graphql`, close: () => app.close() };
    }
  }
}

/** Composition is asynchronous: a gateway may answer NOT_READY (or not at all) for a while. */
async function waitUntilServing(url: string, token: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ incidents(first: 1) { edges { cursor } } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.status === 200 && body.errors === undefined && body.data) return;
      last = `HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`;
    } catch (error: unknown) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not serve within ${timeoutMs} ms: ${last}`);
}

/** Failures of every phase (warm-up included): counted, the first few shown. */
const failures = { count: 0, samples: new Map<string, number>() };

function record(label: string, result: RoundResult): void {
  failures.count += result.errors;
  for (const [reason, count] of result.failures) {
    const key = `${label}: ${reason}`;
    if (failures.samples.has(key) || failures.samples.size < 8) failures.samples.set(key, (failures.samples.get(key) ?? 0) + count);
  }
}

interface Round {
  readonly rps: number;
  readonly latency: LatencySummary;
  readonly errors: number;
  /** CPU time (user + system) of this process per answered request: the gateway's alone in the stub part, with the subgraphs' in the real part. */
  readonly cpuMsPerRequest: number;
  /** Percent of the machine's CPUs other processes (not this bench's) used during the round. */
  readonly othersCpuPct: number;
}

const toRound = (result: RoundResult, cpu: NodeJS.CpuUsage, share: CpuShare): Round => ({
  rps: Math.round((result.requests / result.elapsedMs) * 1000),
  latency: result.latency,
  errors: result.errors,
  cpuMsPerRequest: +((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests)).toFixed(3),
  othersCpuPct: share.othersPct,
});

interface PartRun {
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly token: string;
  readonly auth: AuthSettings;
  readonly mix: MixSettings;
  readonly load: LoadDriver;
}

/** One part: both gateways up, a warm-up of each, then ROUNDS alternating rounds of each. */
async function runPart(part: PartName, run: PartRun): Promise<Record<Side, Round[]>> {
  const gateways = {} as Record<Side, RunningGateway>;
  try {
    for (const side of ['apollo', 'hive'] as const) {
      gateways[side] = await startGateway(side, run.subgraphs, run.auth);
      await waitUntilServing(gateways[side].url, run.token);
    }
    const round = async (side: Side, seconds: number, label: string): Promise<Round> => {
      const cpu = process.cpuUsage();
      const share = cpuShare();
      const result = await run.load.run({ url: gateways[side].url, token: run.token, connections: CONNECTIONS, seconds, mix: run.mix });
      record(`${part} ${side} ${label}`, result);
      return toRound(result, process.cpuUsage(cpu), share());
    };
    if (WARMUP_SECONDS > 0) for (const side of ['apollo', 'hive'] as const) await round(side, WARMUP_SECONDS, 'warm-up');
    const rounds: Record<Side, Round[]> = { apollo: [], hive: [] };
    for (let r = 1; r <= ROUNDS; r++) {
      const order: readonly Side[] = r % 2 === 1 ? ['apollo', 'hive'] : ['hive', 'apollo'];
      for (const side of order) rounds[side].push(await round(side, ROUND_SECONDS, `round ${r}`));
      console.log(`${part} round ${r}: ${order.map((side) => `${side} ${show(rounds[side].at(-1)!)}`).join(' | ')}`);
    }
    return rounds;
  } finally {
    for (const gateway of Object.values(gateways)) await gateway.close();
  }
}

const show = (r: Round): string => `${r.rps} rps, p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms, p99 ${r.latency.p99Ms} ms, ${r.cpuMsPerRequest} CPU ms/req, ${r.errors} errors, others ${r.othersCpuPct}% CPU`;
const best = (rounds: readonly Round[]): Round => rounds.reduce((a, b) => (b.rps > a.rps ? b : a));
/** The round of median throughput (the lower middle one for an even count). */
const median = (rounds: readonly Round[]): Round => [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor((rounds.length - 1) / 2)]!;
const ratio = (hive: number, apollo: number): number => +(hive / apollo).toFixed(3);

/** The figures of one part for the summary and the JSON line. */
function figures(part: PartName, rounds: Record<Side, Round[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const side of ['apollo', 'hive'] as const) {
    const b = best(rounds[side]);
    const m = median(rounds[side]);
    Object.assign(out, {
      [`${part}_${side}_rps`]: b.rps,
      [`${part}_${side}_p50_ms`]: b.latency.p50Ms,
      [`${part}_${side}_p95_ms`]: b.latency.p95Ms,
      [`${part}_${side}_p99_ms`]: b.latency.p99Ms,
      [`${part}_${side}_median_rps`]: m.rps,
      [`${part}_${side}_median_p95_ms`]: m.latency.p95Ms,
      [`${part}_${side}_median_cpu_ms_per_request`]: m.cpuMsPerRequest,
      [`${part}_${side}_errors`]: rounds[side].reduce((sum, r) => sum + r.errors, 0),
    });
  }
  const [bh, ba, mh, ma] = [best(rounds.hive), best(rounds.apollo), median(rounds.hive), median(rounds.apollo)];
  Object.assign(out, {
    [`${part}_rps_ratio`]: ratio(bh.rps, ba.rps),
    [`${part}_median_rps_ratio`]: ratio(mh.rps, ma.rps),
    [`${part}_p95_ratio`]: ratio(bh.latency.p95Ms, ba.latency.p95Ms),
    [`${part}_median_p95_ratio`]: ratio(mh.latency.p95Ms, ma.latency.p95Ms),
    [`${part}_max_others_cpu_pct`]: Math.max(...rounds.apollo.map((r) => r.othersCpuPct), ...rounds.hive.map((r) => r.othersCpuPct)),
  });
  return out;
}

function summary(part: PartName, rounds: Record<Side, Round[]>, out: Record<string, number>): void {
  const cpu = part === 'stub' ? 'the gateway process alone' : 'one process: gateway and real subgraphs';
  console.log(`${part}: best round / median round of ${ROUNDS} (CPU ms/req: ${cpu})`);
  for (const side of ['apollo', 'hive'] as const) console.log(`  ${side.padEnd(6)} best ${show(best(rounds[side]))}; median ${median(rounds[side]).rps} rps, p95 ${median(rounds[side]).latency.p95Ms} ms, ${median(rounds[side]).cpuMsPerRequest} CPU ms/req`);
  console.log(`  hive/apollo: rps ${out[`${part}_rps_ratio`]} (median ${out[`${part}_median_rps_ratio`]}), p95 ${out[`${part}_p95_ratio`]} (median ${out[`${part}_median_p95_ratio`]})`);
  const others = out[`${part}_max_others_cpu_pct`] ?? NaN;
  if (others > OTHERS_CPU_WARN_PCT) console.log(`  NOTE: other processes took up to ${others}% of the CPUs during a round: the machine was shared, these figures are noisy`);
}

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const keyDir = await mkdtemp(join(tmpdir(), 'itsm-bench-gateway-'));
  cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
  try {
    const keyFile = join(keyDir, 'dev-key.json');
    const token = await issueDevToken(keyFile, { sub: 'u-agent', name: 'Agent', roles: ['agent'] }, AUDIENCE);
    const auth: AuthSettings = { source: { kind: 'dev-key', file: keyFile }, ...AUDIENCE };
    const load = LoadDriver.start();
    cleanup.push(() => load.close());

    const started = performance.now();
    const real = await startRealWorld(auth);
    let realOpen = true;
    cleanup.push(() => (realOpen ? real.close() : Promise.resolve()));
    console.log(`real subgraphs ${real.subgraphs.map((s) => s.name).join(', ')} with demo data up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // What the stubs answer and what every answer is checked against, recorded through the baseline.
    const { mix, stub } = await recordStubData(real.subgraphs, token, (subgraphs) => startGateway('apollo', subgraphs, auth), waitUntilServing);
    console.log(`query mix (${MIX.join(' ')}): list of ${mix.numbers.length} incidents (${mix.affectedInList} affected services), incident by number, openIncident; ${CONNECTIONS} connections`);

    const results: Partial<Record<PartName, Record<Side, Round[]>>> = {};
    if (env.BENCH_GATEWAY_PARTS.includes('real')) results.real = await runPart('real', { subgraphs: real.subgraphs, token, auth, mix, load });
    realOpen = false;
    await real.close();

    if (env.BENCH_GATEWAY_PARTS.includes('stub')) {
      const stubs = await StubSubgraphs.start(stub);
      cleanup.push(() => stubs.close());
      if (stubs.endpoints.map((e) => e.name).join() !== FEDERATED.join()) throw new Error(`stubs serve ${stubs.endpoints.map((e) => e.name).join()}`);
      results.stub = await runPart('stub', { subgraphs: stubs.endpoints, token, auth, mix, load });
    }

    // Hook: a later "subscriptions fan-out" part (subscribers held open, incident events fanned out
    // through each gateway) runs here, as a third PartName with its own runPart-like driver; not implemented.

    const out: Record<string, number> = {};
    console.log(`\n${CONNECTIONS} connections (closed loop, load from a child process); ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per gateway and part after ${WARMUP_SECONDS} s warm-up each`);
    for (const part of ['stub', 'real'] as const) {
      const rounds = results[part];
      if (!rounds) continue;
      const partFigures = figures(part, rounds);
      summary(part, rounds, partFigures);
      Object.assign(out, partFigures);
    }
    console.log(`failures: ${failures.count}${failures.count === 0 ? '' : ' (must be 0)'}`);
    for (const [reason, count] of failures.samples) console.log(`  ${count} x ${reason}`);
    console.log(
      JSON.stringify({
        bench: 'gateway',
        connections: CONNECTIONS,
        rounds: ROUNDS,
        round_seconds: ROUND_SECONDS,
        warmup_seconds: WARMUP_SECONDS,
        list_incidents: mix.numbers.length,
        ...out,
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
