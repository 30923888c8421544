/**
 * npm run bench:supplier-exchange (issue 17). Two halves, each on its own fresh world (the supplier
 * exchange started in this process by the service kit on an in-process bus; databases
 * `<MONGO_DB_PREFIX>_sxbench<random>*` on the embedded MongoDB-wire server or MONGO_URL):
 * 1. Outbound fan-out: SX_BENCH_SUPPLIERS suppliers (every SX_BENCH_WEBHOOK_EVERY-th on signed
 *    webhooks to the bench's verifying receiver, the others on their Kafka topic through the bus),
 *    SX_BENCH_TICKETS tickets assigned round-robin, incident changes at SX_BENCH_RATE/s for
 *    SX_BENCH_SECONDS: events/s delivered, change-to-delivered p50/p99, lost (by stable event id),
 *    duplicates, out-of-order per ticket.
 * 2. Inbound: signed supplier updates verified and applied (exchange pipeline + incident context) per
 *    second, beside the same updates unsigned through the incident subgraph's GraphQL in the same run.
 * The last line is one JSON object. Exit code 1 when anything was lost, out of order, refused or failed.
 * Default: a short run (about 1.5 min); the issue's full run is SX_BENCH_SECONDS=60.
 */
import { round, showLatency } from '@itsm/bench-cmdb';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings, Role } from '@itsm/platform/auth';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { startEmbeddedMongo } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupplierExchangeBenchEnv } from './bench-settings';
import { benchSuppliers, startWorld } from './bench-world';
import type { WorldOptions } from './bench-world';
import { runInbound } from './inbound';
import { runOutbound } from './outbound';
import { OutboundLedger } from './outbound-ledger';
import { startWebhookSink } from './webhook-sink';
import { runBench } from '@itsm/bench-kit';

const env = loadConfig(envSchema(MongoEnv, SupplierExchangeBenchEnv), process.env);
const AUDIENCE = { issuer: 'itsm-sx-bench', audience: 'itsm-sx-bench-api' };

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo() : undefined;
  if (embedded) cleanup.push(() => embedded.stop());
  const mongoUrl = embedded ? embedded.url : (env.MONGO_URL ?? '');
  const dbPrefix = `${env.MONGO_DB_PREFIX}_sxbench${randomUUID().slice(0, 8)}`;
  const keyDir = await mkdtemp(join(tmpdir(), 'itsm-sx-bench-'));
  cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
  try {
    const keyFile = join(keyDir, 'dev-key.json');
    const auth: AuthSettings = { source: { kind: 'dev-key', file: keyFile }, ...AUDIENCE };
    const tokenFor = (sub: string, roles: readonly Role[], org?: string) => issueDevToken(keyFile, { sub, name: sub, roles: [...roles], ...(org === undefined ? {} : { org }) }, AUDIENCE);
    await tokenFor('u-warmup', ['agent']);
    const suppliers = benchSuppliers(env.SX_BENCH_SUPPLIERS, env.SX_BENCH_WEBHOOK_EVERY);
    const webhookSuppliers = suppliers.filter((s) => s.channel.kind === 'webhook').length;
    let ledger = new OutboundLedger();
    const sink = await startWebhookSink(suppliers, () => ledger);
    cleanup.push(() => sink.close());
    const world = (half: string, withIncident: boolean): WorldOptions => ({
      mongoUrl,
      dbPrefix: `${dbPrefix}${half}`,
      auth,
      suppliers,
      webhookBase: sink.base,
      webhookPollMs: env.SX_BENCH_WEBHOOK_POLL_MS,
      withIncident,
    });

    // --- 1. Outbound fan-out. ---
    console.log(`outbound: ${suppliers.length} suppliers (${webhookSuppliers} on signed webhooks, ${suppliers.length - webhookSuppliers} on Kafka topics), ${env.SX_BENCH_TICKETS} tickets, ${env.SX_BENCH_RATE} changes/s for ${env.SX_BENCH_SECONDS} s`);
    const out = await startWorld(world('out', false));
    ledger = new OutboundLedger();
    const outboundLedger = ledger;
    const load1 = loadavg()[0] ?? 0;
    let stream;
    try {
      stream = await runOutbound(out, suppliers, outboundLedger, { tickets: env.SX_BENCH_TICKETS, rate: env.SX_BENCH_RATE, seconds: env.SX_BENCH_SECONDS, drainSeconds: env.SX_BENCH_DRAIN_SECONDS });
    } finally {
      await out.close();
    }
    const o = outboundLedger.figures();
    const deliveredMs = Math.max(1, o.lastArrivalAt - stream.startedAt);
    const eventsPerS = Math.round((o.delivered / deliveredMs) * 1000);

    // --- 2. Inbound, signed through the exchange vs unsigned through GraphQL. ---
    console.log(`inbound: ${env.SX_BENCH_INBOUND_UPDATES} signed note updates on ${env.SX_BENCH_INBOUND_TICKETS} incidents, then as many through GraphQL (${env.SX_BENCH_GRAPHQL_CLIENTS} clients)`);
    const inWorld = await startWorld(world('in', true));
    let inbound;
    try {
      inbound = await runInbound(inWorld, suppliers, tokenFor, { tickets: env.SX_BENCH_INBOUND_TICKETS, updates: env.SX_BENCH_INBOUND_UPDATES, clients: env.SX_BENCH_GRAPHQL_CLIENTS, drainSeconds: env.SX_BENCH_DRAIN_SECONDS });
    } finally {
      await inWorld.close();
    }
    const inboundLost = inbound.updates - inbound.incidentApplied;
    const ratio = inbound.graphqlAppliedPerS > 0 ? round(inbound.inboundAppliedPerS / inbound.graphqlAppliedPerS, 3) : 0;
    const load2 = loadavg()[0] ?? 0;

    console.log(`storage: ${embedded ? 'embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL'}; bus: in-process; load average ${round(load1, 2)} -> ${round(load2, 2)} (other jobs on the machine make these figures noisy)`);
    console.log(`outbound: published ${stream.published} changes at ${stream.offeredPerS}/s (target ${env.SX_BENCH_RATE}/s) in ${round(stream.streamMs / 1000, 1)} s; drain ${round(stream.drainMs / 1000, 1)} s`);
    console.log(`  delivered ${o.delivered} of ${o.expected} (kafka ${o.byChannel.kafka}, webhook ${o.byChannel.webhook}): ${eventsPerS} events/s`);
    console.log(`  change-to-delivered: ${showLatency(o.changeToDelivered)}`);
    console.log(`    kafka topics: ${showLatency(o.changeToDeliveredByChannel.kafka)}`);
    console.log(`    webhooks:     ${showLatency(o.changeToDeliveredByChannel.webhook)}`);
    console.log(`  lost ${o.lost}, duplicates ${o.duplicates}, out of order ${o.outOfOrder}, sequence mismatches ${o.sequenceMismatches}, unexpected ${o.unexpected}, refused signatures ${o.badSignatures}`);
    console.log(`inbound signed: ${inbound.exchangeApplied} verified+applied by the exchange (${inbound.exchangeVerifiedPerS}/s), ${inbound.incidentApplied} applied to incidents: ${inbound.inboundAppliedPerS}/s; send-to-applied ${showLatency(inbound.inboundSendToApplied)}`);
    console.log(`graphql unsigned: ${inbound.graphqlApplied} applied, ${inbound.graphqlFailures} failed: ${inbound.graphqlAppliedPerS}/s; ${showLatency(inbound.graphqlLatency)}`);
    console.log(`inbound/graphql ratio: ${ratio}`);
    for (const sample of inbound.failureSamples) console.log(`  failure: ${sample}`);
    const ok = o.lost === 0 && o.outOfOrder === 0 && o.sequenceMismatches === 0 && o.badSignatures === 0 && o.unexpected === 0 && inboundLost === 0 && inbound.graphqlFailures === 0 && inbound.failureSamples.length === 0;
    console.log(
      JSON.stringify({
        bench: 'supplier-exchange',
        storage: embedded ? 'embedded' : 'mongo_url',
        suppliers: suppliers.length,
        webhook_suppliers: webhookSuppliers,
        tickets: env.SX_BENCH_TICKETS,
        target_rate_per_s: env.SX_BENCH_RATE,
        duration_s: env.SX_BENCH_SECONDS,
        offered_per_s: stream.offeredPerS,
        expected: o.expected,
        delivered: o.delivered,
        delivered_kafka: o.byChannel.kafka,
        delivered_webhook: o.byChannel.webhook,
        events_per_s: eventsPerS,
        p50_ms: o.changeToDelivered.p50Ms,
        p99_ms: o.changeToDelivered.p99Ms,
        max_ms: o.changeToDelivered.maxMs,
        kafka_p99_ms: o.changeToDeliveredByChannel.kafka.p99Ms,
        webhook_p99_ms: o.changeToDeliveredByChannel.webhook.p99Ms,
        lost: o.lost,
        duplicates: o.duplicates,
        out_of_order: o.outOfOrder,
        sequence_mismatches: o.sequenceMismatches,
        refused_signatures: o.badSignatures,
        drain_s: round(stream.drainMs / 1000, 1),
        inbound_updates: inbound.updates,
        inbound_exchange_applied: inbound.exchangeApplied,
        inbound_applied: inbound.incidentApplied,
        inbound_lost: inboundLost,
        inbound_exchange_per_s: inbound.exchangeVerifiedPerS,
        inbound_applied_per_s: inbound.inboundAppliedPerS,
        inbound_p50_ms: inbound.inboundSendToApplied.p50Ms,
        inbound_p99_ms: inbound.inboundSendToApplied.p99Ms,
        graphql_applied_per_s: inbound.graphqlAppliedPerS,
        graphql_p50_ms: inbound.graphqlLatency.p50Ms,
        graphql_p99_ms: inbound.graphqlLatency.p99Ms,
        graphql_failures: inbound.graphqlFailures,
        inbound_vs_graphql_ratio: ratio,
        load_avg_1m: round(load2, 2),
      }),
    );
    return ok ? 0 : 1;
  } finally {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error('cleanup step failed:', error));
  }
}

runBench(main);
