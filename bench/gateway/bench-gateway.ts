/**
 * npm run bench:gateway — the GraphQL gateway of the platform (`createGatewayApp` of @itsm/gateway,
 * "hive": the Hive Gateway runtime once that migration lands, Apollo inside Nest before) against a baseline of Apollo Gateway + Apollo Server with the same edge work
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
 * Per gateway and part: rps, p50/p95/p99 of the best round, rps/p95 of the median round, errors,
 * the bench process's CPU ms per request (the gateway alone in the stub part), and how much of the
 * CPUs other processes of the machine took during each round (a shared machine makes rps noisy;
 * CPU per request much less). Ratios are hive/apollo. The last line printed is one JSON object
 * (`<part>_<gateway>_<figure>_<unit>`, `<part>_<figure>_ratio`).
 *
 * Knobs: BENCH_GATEWAY_CONNECTIONS (50), BENCH_GATEWAY_ROUNDS (6 per gateway and part),
 * BENCH_GATEWAY_ROUND_SECONDS (8), BENCH_GATEWAY_WARMUP_SECONDS (8), BENCH_GATEWAY_PARTS (real,stub).
 * Storage: always the embedded MongoDB-wire server, in memory (MONGO_URL is not used).
 */
import { cpuShare } from '@itsm/bench-kit';
import type { SubgraphEndpoint } from '@itsm/gateway';
import type { AuthSettings } from '@itsm/platform/auth';
import { CommaList, envSchema, loadConfig } from '@itsm/platform/config';
import { freePort } from '@itsm/platform/persistence';
import { Type } from '@sinclair/typebox';
import { startApolloBaseline } from './apollo-baseline';
import { figures, show, summary, toRound } from './figures';
import type { PartName, Round, Side } from './figures';
import { BENCH_LIMITS, benchAuth, startHiveGateway, waitUntilServing } from './hive-gateway';
import type { RunningGateway } from './hive-gateway';
import { LoadDriver } from './load-driver';
import type { RoundResult } from './load-protocol';
import type { MixSettings } from './query-mix';
import { MIX } from './query-mix';
import { FEDERATED, startRealWorld } from './real-world';
import { recordStubData } from './recording';
import { StubSubgraphs } from './stub-subgraphs';
import { runBench } from '@itsm/bench-kit';

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
async function startGateway(side: Side, subgraphs: readonly SubgraphEndpoint[], auth: AuthSettings): Promise<RunningGateway> {
  switch (side) {
    case 'apollo':
      return startApolloBaseline({ subgraphs, auth, limits: BENCH_LIMITS, port: await freePort() });
    case 'hive':
      return startHiveGateway(subgraphs, auth);
  }
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

interface PartRun {
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly token: string;
  readonly auth: AuthSettings;
  readonly mix: MixSettings;
  readonly load: LoadDriver;
  /** Brings the subgraphs back to the same state before every round (warm-ups too); not timed. */
  readonly beforeRound?: () => Promise<void>;
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
      await run.beforeRound?.();
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

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const keys = await benchAuth('itsm-bench-gateway-');
  cleanup.push(() => keys.close());
  try {
    const { auth } = keys;
    const token = await keys.agentToken('u-agent', 'Agent');
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
    if (env.BENCH_GATEWAY_PARTS.includes('real')) results.real = await runPart('real', { subgraphs: real.subgraphs, token, auth, mix, load, beforeRound: () => real.forgetIncidentsSince(new Date(mix.listOpenedBefore)) });

    // ---------------------------------------------------------------------------------------------
    // HOOK, not implemented: a "subscriptions fan-out" part runs here, while the real subgraphs are
    // up. It would hold many subscribers open on each gateway, open incidents through the incident
    // subgraph, and measure events delivered/s and event-to-subscriber latency per gateway, in
    // alternating rounds like runPart. To add it: a 'subscriptions' PartName (figures.ts) and value
    // of BENCH_GATEWAY_PARTS, its driver in its own file, its figures merged into `results`.
    // ---------------------------------------------------------------------------------------------

    realOpen = false;
    await real.close();

    if (env.BENCH_GATEWAY_PARTS.includes('stub')) {
      const stubs = await StubSubgraphs.start(stub);
      cleanup.push(() => stubs.close());
      if (stubs.endpoints.map((e) => e.name).join() !== FEDERATED.join()) throw new Error(`stubs serve ${stubs.endpoints.map((e) => e.name).join()}`);
      results.stub = await runPart('stub', { subgraphs: stubs.endpoints, token, auth, mix, load });
    }

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

runBench(main);
