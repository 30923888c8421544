/**
 * npm run bench:subscriptions — the fan-out of one incident change to BENCH_SUBSCRIBERS GraphQL
 * subscribers of the gateway (`createGatewayApp` of @itsm/gateway, graphql-ws over WebSocket),
 * against what the same viewers polling would cost: one HTTP burst of the equivalent query.
 *
 * Set-up (bench:gateway's stub part): the incident, SLA and CMDB subgraphs recorded once from the
 * real ones with demo data, then served from memory by another process; the gateway in this process
 * with an event feed the bench drives (BenchEvents). A child process opens one graphql-ws connection
 * per viewer, each with its own token (distinct `sub`, role agent), each subscribed to
 * `incidentChanged(filter: { ids: [<the bench incident>] })` with bench:gateway's selection of an
 * incident (its SLA clocks and affected services: every delivery calls the three subgraphs).
 * Warm-up: changes until every subscriber got one, and one unmeasured HTTP burst.
 *
 * Then BENCH_ROUNDS rounds, each of (in alternating order):
 *  - fan-out: t0, one change of the incident; each subscriber's delivery latency is its answer's
 *    arrival minus t0, on the clock both processes share (`performance.timeOrigin + performance.now()`,
 *    ms); the round ends when all N got it or after BENCH_ROUND_TIMEOUT_SECONDS (the missing: `lost`);
 *  - HTTP burst: the N viewers send `query { incident(id:) { same selection } }` at once, each over
 *    its own kept-alive connection (opened unmeasured just before): what N polling portals do for one
 *    refresh; latency from the burst's start to each checked answer.
 * Figures: delivery p50/p95/p99/max over all rounds, the median over rounds of the time until the
 * LAST subscriber got it, the same for the bursts, p99_ratio = http_burst_p99 / fanout_p99 (> 1:
 * subscriptions deliver faster than one polling burst), the gateway process's RSS (before the
 * subscribers: after the recording's real subgraphs ran in it; subscribed; peak of the rounds). The last
 * line printed is one JSON object. Any lost delivery, wrong or extra answer, or failure exits 1.
 */
import { cpuShare, percentile, runBench, summarizeLatency } from '@itsm/bench-kit';
import type { LatencySummary } from '@itsm/bench-kit';
import { AFFECTED, benchAuth, recordStubData, SLAS, startHiveGateway, startRealWorld, StubSubgraphs, waitUntilServing } from '@itsm/bench-gateway';
import type { StubData } from '@itsm/bench-gateway';
import { INCIDENT_CHANGED } from '@itsm/gateway';
import type { LiveEvent, LiveEventSource } from '@itsm/gateway';
import { envSchema, loadConfig } from '@itsm/platform/config';
import { Type } from '@sinclair/typebox';
import { SubscriberDriver } from './subscriber-driver';
import type { Failures } from './subscriber-protocol';
import { sharedNow } from './subscriber-protocol';

const SubscriptionsBenchEnv = Type.Object({
  /** graphql-ws connections, one subscriber (and one polling viewer) each. */
  BENCH_SUBSCRIBERS: Type.Integer({ minimum: 1, maximum: 20_000, default: 1_000 }),
  /** Measured rounds (a change fanned out, a polling burst). */
  BENCH_ROUNDS: Type.Integer({ minimum: 1, maximum: 1_000, default: 10 }),
  /** How long a round waits for every subscriber's delivery (the missing count as lost). */
  BENCH_ROUND_TIMEOUT_SECONDS: Type.Number({ minimum: 1, maximum: 600, default: 30 }),
});

const env = loadConfig(envSchema(SubscriptionsBenchEnv), process.env);
const N = env.BENCH_SUBSCRIBERS;
const ROUNDS = env.BENCH_ROUNDS;
const ROUND_TIMEOUT_MS = env.BENCH_ROUND_TIMEOUT_SECONDS * 1000;
/** itsm.incident.v1 */
const TOPIC = INCIDENT_CHANGED.topic;
const WARMUP_CHANGES = 5;
const WARMUP_WAIT_MS = 10_000;
/** After the warm-up: a repeated warm-up change may still be on its way to some subscribers. */
const SETTLE_MS = 1_000;

const selection = `{ id number title state priority ${SLAS} ${AFFECTED} }`;

/** The gateway's event feed, driven by the bench: `change(id)` is an event of the incident stream about `id`. */
class BenchEvents implements LiveEventSource {
  private onChange: ((topic: string, event: LiveEvent) => void) | undefined;

  async listen(topics: readonly string[], onChange: (topic: string, event: LiveEvent) => void): Promise<void> {
    if (!topics.includes(TOPIC)) throw new Error(`the gateway listens to ${topics.join()}, not ${TOPIC}`);
    this.onChange = onChange;
  }

  change(incidentId: string): void {
    if (!this.onChange) throw new Error('the gateway did not listen to the bench events');
    this.onChange(TOPIC, { type: 'itsm.incident.updated.v1', subject: incidentId, data: {} });
  }

  async close(): Promise<void> {
    this.onChange = undefined;
  }
}

/** The recorded incident with the most SLA clocks and affected services (the other subgraphs' share of each answer). */
function benchIncident(data: StubData): { id: string; number: string; slas: number; affected: number } {
  const scored = data.incidents.map((incident) => {
    const id = incident['id'] as string;
    return { id, number: incident['number'] as string, slas: data.slasByIncident[id]?.length ?? 0, affected: data.affectedByIncident[id]?.length ?? 0 };
  });
  return scored.reduce((a, b) => (b.slas + b.affected > a.slas + a.affected ? b : a));
}

/** Failures of every phase: counted, the first few shown. */
const failures = { count: 0, samples: new Map<string, number>() };
function record(label: string, reported: Failures): void {
  failures.count += reported.count;
  for (const [reason, count] of reported.samples) {
    const key = `${label}: ${reason}`;
    if (failures.samples.has(key) || failures.samples.size < 8) failures.samples.set(key, (failures.samples.get(key) ?? 0) + count);
  }
}

const delivered = (values: readonly (number | null)[]): number[] => values.filter((value): value is number => value !== null);
const median = (values: readonly number[]): number => percentile(Float64Array.from(values).sort(), 0.5);
const fixed = (value: number): number => +value.toFixed(2);
const row = (label: string, s: LatencySummary, last: number): string =>
  `${label.padEnd(24)}${String(s.n).padStart(7)}${String(s.p50Ms).padStart(10)}${String(s.p95Ms).padStart(10)}${String(s.p99Ms).padStart(10)}${String(s.maxMs).padStart(10)}${String(last).padStart(12)}`;

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const keys = await benchAuth('itsm-bench-subscriptions-');
  cleanup.push(() => keys.close());
  try {
    const { auth } = keys;
    const benchToken = await keys.agentToken('u-bench', 'Bench');

    // What the stubs answer: recorded once from the real subgraphs with demo data (bench:gateway's recording).
    const started = performance.now();
    const real = await startRealWorld(auth);
    let recorded: Awaited<ReturnType<typeof recordStubData>>;
    try {
      recorded = await recordStubData(real.subgraphs, benchToken, (subgraphs) => startHiveGateway(subgraphs, auth), waitUntilServing);
    } finally {
      await real.close();
    }
    const stubs = await StubSubgraphs.start(recorded.stub);
    cleanup.push(() => stubs.close());
    const incident = benchIncident(recorded.stub.data);
    console.log(`stub subgraphs recorded from the real ones in ${((performance.now() - started) / 1000).toFixed(1)} s; bench incident ${incident.number} (${incident.slas} SLA clocks, ${incident.affected} affected services)`);

    const events = new BenchEvents();
    const gateway = await startHiveGateway(stubs.endpoints, auth, { liveEvents: events });
    cleanup.push(() => gateway.close());
    await waitUntilServing(gateway.url, benchToken);

    const idleRssMb = process.memoryUsage().rss / 2 ** 20;
    const tokens = await Promise.all(Array.from({ length: N }, (_, i) => keys.agentToken(`u-viewer-${i}`, `Viewer ${i}`)));
    const child = SubscriberDriver.start();
    cleanup.push(() => child.close());
    const connected = await child.ask(
      {
        kind: 'start',
        wsUrl: gateway.url.replace(/^http/, 'ws'),
        httpUrl: gateway.url,
        tokens,
        incidentId: incident.id,
        subscription: `subscription BenchIncidentChanged { incidentChanged(filter: { ids: ["${incident.id}"] }) ${selection} }`,
        query: `query BenchIncidentPoll($id: ID!) { incident(id: $id) ${selection} }`,
      },
      'connected',
    );
    record('connect', connected.failures);
    console.log(`${connected.connected} of ${N} graphql-ws connections acknowledged in ${(connected.connectMs / 1000).toFixed(1)} s`);
    if (connected.connected < N) throw new Error(`only ${connected.connected} of ${N} subscribers connected: ${JSON.stringify(connected.failures.samples)}`);

    // Warm-up: a subscription is served once the gateway has checked it; changes until each got one.
    await child.ask({ kind: 'arm', sentAt: sharedNow() }, 'armed');
    for (let change = 1; ; change++) {
      events.change(incident.id);
      const warm = await child.ask({ kind: 'collect', timeoutMs: WARMUP_WAIT_MS }, 'arrivals');
      record('warm-up', warm.failures);
      const missing = N - delivered(warm.arrivals).length;
      if (missing === 0) {
        console.log(`warm-up: every subscriber got a change after ${change} change(s)`);
        break;
      }
      if (change === WARMUP_CHANGES) throw new Error(`warm-up: ${missing} of ${N} subscribers got none of ${change} changes`);
    }
    const warmBurst = await child.ask({ kind: 'burst' }, 'burst');
    record('warm-up burst', warmBurst.failures);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const subscribedRssMb = process.memoryUsage().rss / 2 ** 20;

    const fanout: number[] = [];
    const burst: number[] = [];
    const fanoutLast: number[] = [];
    const burstLast: number[] = [];
    /** Per round, how far the child's shared clock was ahead at an IPC message: its latency plus any skew of the two clocks. */
    const clockGaps: number[] = [];
    let lost = 0;
    let extra = 0;
    let rssMb = subscribedRssMb;
    let othersCpuPct = 0;
    console.log(`\n${N} subscribers / viewers, ${ROUNDS} rounds (fan-out of one change | HTTP burst of the equivalent query)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const share = cpuShare();
      const runFanout = async (): Promise<string> => {
        const { clockGapMs } = await child.ask({ kind: 'arm', sentAt: sharedNow() }, 'armed');
        clockGaps.push(clockGapMs);
        const t0 = sharedNow();
        events.change(incident.id);
        const result = await child.ask({ kind: 'collect', timeoutMs: ROUND_TIMEOUT_MS }, 'arrivals');
        record(`round ${round} fan-out`, result.failures);
        const latencies = delivered(result.arrivals).map((arrival) => arrival - t0);
        lost += N - latencies.length;
        extra += result.extra;
        fanout.push(...latencies);
        const last = Math.max(...latencies);
        fanoutLast.push(last);
        return `fan-out last ${last.toFixed(1)} ms, lost ${N - latencies.length}`;
      };
      const runBurst = async (): Promise<string> => {
        const result = await child.ask({ kind: 'burst' }, 'burst');
        record(`round ${round} burst`, result.failures);
        const latencies = delivered(result.latencies);
        burst.push(...latencies);
        const last = Math.max(...latencies);
        burstLast.push(last);
        return `burst last ${last.toFixed(1)} ms (${result.newConnections} new connections)`;
      };
      const parts = round % 2 === 1 ? [await runFanout(), await runBurst()] : [await runBurst(), await runFanout()];
      const { othersPct } = share();
      othersCpuPct = Math.max(othersCpuPct, othersPct);
      const roundRssMb = process.memoryUsage().rss / 2 ** 20;
      rssMb = Math.max(rssMb, roundRssMb);
      console.log(`round ${round}: ${parts.join(' | ')}; gateway RSS ${Math.round(roundRssMb)} MB; others ${othersPct}% CPU`);
    }

    const f = summarizeLatency(Float64Array.from(fanout));
    const h = summarizeLatency(Float64Array.from(burst));
    const out = {
      subscribers: N,
      rounds: ROUNDS,
      fanout_p50_ms: f.p50Ms,
      fanout_p95_ms: f.p95Ms,
      fanout_p99_ms: f.p99Ms,
      fanout_max_ms: f.maxMs,
      fanout_last_ms: fixed(median(fanoutLast)),
      http_burst_p50_ms: h.p50Ms,
      http_burst_p95_ms: h.p95Ms,
      http_burst_p99_ms: h.p99Ms,
      http_burst_max_ms: h.maxMs,
      http_burst_last_ms: fixed(median(burstLast)),
      p99_ratio: +(h.p99Ms / f.p99Ms).toFixed(3),
      lost,
      extra_deliveries: extra,
      failures: failures.count,
      gateway_rss_mb: Math.round(rssMb),
      gateway_rss_before_subscribers_mb: Math.round(idleRssMb),
      gateway_rss_subscribed_mb: Math.round(subscribedRssMb),
      connect_s: +(connected.connectMs / 1000).toFixed(2),
      max_others_cpu_pct: othersCpuPct,
      max_clock_gap_ms: +Math.max(...clockGaps).toFixed(3),
    };
    console.log(`\n${'ms'.padEnd(24)}${'n'.padStart(7)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'last (med)'.padStart(12)}`);
    console.log(row('fan-out delivery', f, out.fanout_last_ms));
    console.log(row('HTTP burst answer', h, out.http_burst_last_ms));
    console.log(`p99 ratio (HTTP burst / fan-out) ${out.p99_ratio}; lost ${lost}; extra deliveries ${extra}; gateway process RSS ${out.gateway_rss_before_subscribers_mb} MB before the subscribers, ${out.gateway_rss_subscribed_mb} MB subscribed and warmed up, ${out.gateway_rss_mb} MB at the peak of the rounds; other processes up to ${othersCpuPct}% CPU in a round`);
    console.log(`shared clock (performance.timeOrigin + performance.now() in each process): parent -> child IPC gap at most ${out.max_clock_gap_ms} ms (latency + skew)`);
    console.log(`failures: ${failures.count}${failures.count === 0 ? '' : ' (must be 0)'}`);
    for (const [reason, count] of failures.samples) console.log(`  ${count} x ${reason}`);
    console.log(JSON.stringify(out));
    return lost === 0 && extra === 0 && failures.count === 0 && burst.length === N * ROUNDS ? 0 : 1;
  } finally {
    for (const step of cleanup.reverse()) {
      await step().catch((error: unknown) => console.error('cleanup step failed:', error));
    }
  }
}

runBench(main);
