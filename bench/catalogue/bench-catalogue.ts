/**
 * npm run bench:catalogue — the entitled-catalogue browse at size beside a naive MongoDB query per
 * request in the same run, and order-to-first-task latency at a fixed order rate.
 *
 * 1. The catalogue context started in this process (startContext: its Nest app, relay and
 *    consumers) on the embedded MongoDB-wire server (or MONGO_URL) and the in-process bus; its
 *    directory projection fed CATALOGUE_BENCH_PEOPLE people in CATALOGUE_BENCH_ORGANISATIONS
 *    organisations and CATALOGUE_BENCH_GROUPS groups through its own projection use case;
 *    CATALOGUE_BENCH_RULES entitlement rules and CATALOGUE_BENCH_ITEMS items published through the
 *    catalogue's use cases (workload.ts, seeded).
 * 2. CATALOGUE_BENCH_BROWSES browses (after CATALOGUE_BENCH_WARMUP) of random requesters, one page of
 *    CATALOGUE_BENCH_PAGE items, three ways in rotating order: the production path
 *    (BrowseCatalogueHandler: the requester's profile from the projection, the matching rules by
 *    criterion, the items query), the naive one (every published item and every rule read from
 *    MongoDB, isEntitled per item: browse-baselines.ts; its profile is given, not read), and the
 *    domain's EntitlementIndex in memory. All three pages must be equal (`disagreements`).
 * 3. CATALOGUE_BENCH_ORDERS one-line orders at CATALOGUE_BENCH_ORDER_RATE per second (open loop) of
 *    an item without approval (one fulfilment task) by internal requesters, through the
 *    orderCatalogItems use case; the latency from the order to its first `itsm.request.v1` task
 *    event of state `open` seen by a reader of the bus (after the outbox relay). An acknowledged
 *    order whose open task never arrives within CATALOGUE_BENCH_DRAIN_MS is `lost`.
 *
 * The last line is one JSON object; a disagreement, a lost or failed order, or a failed seed makes
 * the exit code non-zero (a slow figure does not).
 */
import {
  BrowseCatalogueHandler,
  BrowseCatalogueQuery,
  catalogueContext,
  EntitlementIndex,
  OrderCatalogItemsHandler,
  ProjectDirectoryEventCommand,
  ProjectDirectoryEventHandler,
  PublishCatalogueItemCommand,
  PublishCatalogueItemHandler,
  SaveCategoryCommand,
  SaveCategoryHandler,
  SaveEntitlementRuleCommand,
  SaveEntitlementRuleHandler,
} from '@itsm/catalogue';
import type { EntitlementRule, ItemDraft, PortfolioCaller } from '@itsm/catalogue';
import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { AuthSettings, Principal } from '@itsm/platform/auth';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { connectContext, freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { DirectoryEvent, MongoSettings } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { seededRandom } from '@itsm/testing';
import { latency, round, showLatency } from '@itsm/bench-cmdb';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeDifference, indexBrowse, naiveBrowse, sameAnswer } from './browse-baselines';
import type { BrowsePage } from './browse-baselines';
import { orderAtRate } from './order-latency';
import { planWorkload } from './workload';

const BenchEnv = Type.Object({
  CATALOGUE_BENCH_ITEMS: Type.Integer({ minimum: 1, default: 10_000 }),
  CATALOGUE_BENCH_RULES: Type.Integer({ minimum: 1, default: 1_000 }),
  CATALOGUE_BENCH_PEOPLE: Type.Integer({ minimum: 1, default: 50_000 }),
  CATALOGUE_BENCH_ORGANISATIONS: Type.Integer({ minimum: 1, default: 200 }),
  CATALOGUE_BENCH_GROUPS: Type.Integer({ minimum: 1, default: 2_000 }),
  CATALOGUE_BENCH_ROLES: Type.Integer({ minimum: 1, default: 40 }),
  CATALOGUE_BENCH_CATEGORIES: Type.Integer({ minimum: 1, default: 20 }),
  CATALOGUE_BENCH_BROWSES: Type.Integer({ minimum: 1, default: 300 }),
  CATALOGUE_BENCH_WARMUP: Type.Integer({ minimum: 0, default: 30 }),
  CATALOGUE_BENCH_PAGE: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  CATALOGUE_BENCH_ORDER_RATE: Type.Number({ exclusiveMinimum: 0, default: 50 }),
  CATALOGUE_BENCH_ORDERS: Type.Integer({ minimum: 1, default: 1_500 }),
  CATALOGUE_BENCH_DRAIN_MS: Type.Integer({ minimum: 0, default: 60_000 }),
  /** Seeding writes in flight (the seed is not measured). */
  CATALOGUE_BENCH_SEED_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 256, default: 16 }),
  CATALOGUE_BENCH_SEED: Type.Integer({ default: 20_261_203 }),
  /** Heap limit of the embedded MongoDB child (it holds everything in memory). */
  CATALOGUE_BENCH_MONGO_HEAP_MB: Type.Integer({ minimum: 512, default: 4_096 }),
});
const env = loadConfig(envSchema(MongoEnv, BenchEnv), process.env);
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const ADMIN: PortfolioCaller = { userId: 'u-bench-catalogue-admin', roles: ['catalogue-admin'] };
const AUDIENCE = { issuer: 'itsm-bench', audience: 'itsm-bench-api' };

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, round(performance.now() - t0)];
}

/** Runs `work(i)` for i < count with `inFlight` at a time (seeding). */
async function pool(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

/** Directory events in phases (organisations and groups, people, memberships), each phase's events in parallel. */
async function projectDirectory(handler: ProjectDirectoryEventHandler, events: readonly DirectoryEvent[]): Promise<void> {
  const phaseOf = (e: DirectoryEvent): number => (e.type.includes('members') ? 2 : e.type.includes('person') ? 1 : 0);
  for (const phase of [0, 1, 2]) {
    const batch = events.filter((e) => phaseOf(e) === phase);
    await pool(batch.length, env.CATALOGUE_BENCH_SEED_IN_FLIGHT, async (i) => {
      await handler.execute(new ProjectDirectoryEventCommand(batch[i] as DirectoryEvent));
    });
  }
}

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const embedded = env.MONGO_URL === undefined ? await startEmbeddedMongo({ heapMb: env.CATALOGUE_BENCH_MONGO_HEAP_MB }) : undefined;
    if (embedded) cleanup.push(() => embedded.stop());
    const mongo: MongoSettings = { url: embedded ? embedded.url : (env.MONGO_URL ?? ''), dbPrefix: `${env.MONGO_DB_PREFIX}_bench${randomUUID().slice(0, 8)}` };
    const keyDir = await mkdtemp(join(tmpdir(), 'itsm-bench-'));
    cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
    const keyFile = join(keyDir, 'dev-key.json');
    await issueDevToken(keyFile, { sub: ADMIN.userId, name: 'Bench', roles: ['catalogue-admin'] }, AUDIENCE);
    const auth: AuthSettings = { source: { kind: 'dev-key', file: keyFile }, ...AUDIENCE };
    const db = await connectContext(mongo, 'catalogue');
    cleanup.push(async () => {
      if (!embedded) await db.dropDatabase();
      await db.close();
    });
    const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
    cleanup.push(() => bus.close());
    const { app } = await startContext(catalogueContext, { nodeEnv: 'production', logLevel: 'warn', mongo, auth, bus }, {}, { port: await freePort(), host: '127.0.0.1' });
    cleanup.push(() => app.close());

    // --- Seed (not measured as a figure, timed for the record). ---
    const size = {
      items: env.CATALOGUE_BENCH_ITEMS, rules: env.CATALOGUE_BENCH_RULES, people: env.CATALOGUE_BENCH_PEOPLE, organisations: env.CATALOGUE_BENCH_ORGANISATIONS,
      groups: env.CATALOGUE_BENCH_GROUPS, roles: env.CATALOGUE_BENCH_ROLES, categories: env.CATALOGUE_BENCH_CATEGORIES,
    };
    const workload = planWorkload(size, env.CATALOGUE_BENCH_SEED);
    const [, directoryMs] = await timed(() => projectDirectory(app.get(ProjectDirectoryEventHandler), workload.directory));
    log(`directory projected: ${size.people} people, ${size.organisations} organisations, ${size.groups} groups (${workload.directory.length} events, ${directoryMs} ms)`);
    const rules: EntitlementRule[] = [];
    const [, rulesMs] = await timed(() =>
      pool(workload.rules.length, env.CATALOGUE_BENCH_SEED_IN_FLIGHT, async (i) => {
        rules[i] = await app.get(SaveEntitlementRuleHandler).execute(new SaveEntitlementRuleCommand(ADMIN, null, workload.rules[i] ?? { name: '' }));
      }),
    );
    const categoryIds: string[] = [];
    for (let c = 0; c < size.categories; c += 1) categoryIds.push((await app.get(SaveCategoryHandler).execute(new SaveCategoryCommand(ADMIN, null, { name: `Category ${c}` }))).id);
    const draft = (name: string, category: number, ruleIds: readonly string[]): ItemDraft => ({
      name,
      categoryId: categoryIds[category] ?? '',
      form: { variables: [] },
      plan: { tasks: [{ key: 'fulfil', title: 'Fulfil', groupId: workload.fulfilmentGroupId, variables: [], predecessors: [] }] },
      entitlementRuleIds: ruleIds,
    });
    const published = new Map<string, { id: string; categoryIds: string[]; entitlementRuleIds: string[] }>();
    const nameKeys = new Map<string, string>();
    const publisher = app.get(PublishCatalogueItemHandler);
    const [, itemsMs] = await timed(() =>
      pool(workload.items.length, env.CATALOGUE_BENCH_SEED_IN_FLIGHT, async (i) => {
        const planned = workload.items[i];
        if (planned === undefined) return;
        const ruleIds = planned.rules.map((r) => rules[r]?.id ?? '');
        const item = await publisher.execute(new PublishCatalogueItemCommand(ADMIN, draft(planned.name, planned.category, ruleIds)));
        published.set(item.id, { id: item.id, categoryIds: [categoryIds[planned.category] ?? ''], entitlementRuleIds: ruleIds });
        nameKeys.set(item.id, `${planned.name.toLowerCase()}\u0000${item.id}`);
      }),
    );
    log(`catalogue published: ${rules.length} rules (${rulesMs} ms), ${published.size} items in ${categoryIds.length} categories (${itemsMs} ms)`);

    // --- Browse: production path, naive per-request query, in-memory index; same requesters, rotating order. ---
    const [index, indexBuildMs] = await timed(() => Promise.resolve(EntitlementIndex.build(published.values(), rules)));
    const random = seededRandom(env.CATALOGUE_BENCH_SEED + 1);
    const browser = app.get(BrowseCatalogueHandler);
    const first = env.CATALOGUE_BENCH_PAGE;
    const samples = { production: [] as number[], naive: [] as number[], index: [] as number[] };
    let disagreements = 0;
    let entitledOnPage = 0;
    const total = env.CATALOGUE_BENCH_WARMUP + env.CATALOGUE_BENCH_BROWSES;
    for (let q = 0; q < total; q += 1) {
      const profile = workload.profiles[Math.floor(random() * workload.profiles.length)];
      if (profile === undefined) throw new Error('no requester');
      const sides: Record<keyof typeof samples, () => Promise<BrowsePage>> = {
        production: async () => {
          const answer = await browser.execute(new BrowseCatalogueQuery({ userId: profile.personId, roles: ['requester'] }, null, null, first, null));
          return { ids: answer.items.map((i) => i.id), hasNextPage: answer.hasNextPage };
        },
        naive: () => naiveBrowse(db, profile, first),
        index: () => Promise.resolve(indexBrowse(index, nameKeys, profile, first)),
      };
      const names = Object.keys(sides) as (keyof typeof samples)[];
      const answers = new Map<keyof typeof samples, BrowsePage>();
      for (let k = 0; k < names.length; k += 1) {
        const name = names[(q + k) % names.length] as keyof typeof samples;
        const t0 = performance.now();
        answers.set(name, await sides[name]());
        if (q >= env.CATALOGUE_BENCH_WARMUP) samples[name].push(performance.now() - t0);
      }
      const production = answers.get('production') as BrowsePage;
      const naivePage = answers.get('naive') as BrowsePage;
      const indexPage = answers.get('index') as BrowsePage;
      if (!sameAnswer(production, naivePage) || !sameAnswer(production, indexPage)) {
        disagreements += 1;
        if (disagreements <= 3) log(`disagreement for ${JSON.stringify(profile)}: ${describeDifference({ production, naive: naivePage, index: indexPage })}`);
      }
      if (q >= env.CATALOGUE_BENCH_WARMUP) entitledOnPage += production.ids.length;
    }
    const browse = latency(samples.production);
    const naive = latency(samples.naive);
    const inMemory = latency(samples.index);
    log(`entitled browse (page of ${first}), production path: ${showLatency(browse)}; ${round(entitledOnPage / samples.production.length, 1)} items on a page on average`);
    log(`the same, naive (every published item and rule read, isEntitled per item): ${showLatency(naive)}`);
    log(`the same, EntitlementIndex in memory (built in ${indexBuildMs} ms): ${showLatency(inMemory)}`);
    log(`${disagreements} disagreements among the three answers in ${total} browses`);

    // --- Orders: an item without approval, internal requesters, a fixed rate. ---
    const orderItem = await publisher.execute(new PublishCatalogueItemCommand(ADMIN, draft('Bench order item', 0, [])));
    const requesters: Principal[] = workload.profiles
      .filter((p) => p.organisationKind === 'internal')
      .slice(0, 1_000)
      .map((p) => ({ userId: p.personId, name: p.personId, roles: ['requester'], orgId: p.organisationId ?? undefined }));
    const orders = await orderAtRate(bus, app.get(OrderCatalogItemsHandler), {
      itemId: orderItem.id, requesters, perSecond: env.CATALOGUE_BENCH_ORDER_RATE, count: env.CATALOGUE_BENCH_ORDERS, drainMs: env.CATALOGUE_BENCH_DRAIN_MS, group: 'bench-catalogue-observer',
    });
    const firstTask = latency(orders.firstTaskMs);
    const acknowledge = latency(orders.acknowledgeMs);
    const failed = orders.sent - orders.acknowledged;
    log(`orders at ${env.CATALOGUE_BENCH_ORDER_RATE}/s (sent at ${round(orders.sentPerSecond, 1)}/s): ${orders.sent} sent, ${orders.acknowledged} acknowledged, ${failed} failed, ${orders.lost} lost`);
    for (const [reason, count] of orders.failures) log(`  ${count} x ${reason}`);
    log(`order -> first open task on the bus: ${showLatency(firstTask)}`);
    log(`order -> acknowledged: ${showLatency(acknowledge)}`);

    const speedup = round(naive.p95Ms / browse.p95Ms, 1);
    const indexRatio = round(browse.p95Ms / inMemory.p95Ms, 1);
    const ok = disagreements === 0 && orders.lost === 0 && failed === 0;
    log(
      JSON.stringify({
        bench: 'catalogue', storage: embedded ? 'embedded' : 'mongo_url',
        items: published.size, rules: rules.length, people: size.people, organisations: size.organisations, groups: size.groups, browses: samples.production.length, page: first,
        browse_p50_ms: browse.p50Ms, browse_p95_ms: browse.p95Ms, browse_p99_ms: browse.p99Ms,
        naive_browse_p50_ms: naive.p50Ms, naive_browse_p95_ms: naive.p95Ms,
        index_browse_p50_ms: inMemory.p50Ms, index_browse_p95_ms: inMemory.p95Ms, index_build_ms: indexBuildMs,
        speedup, production_vs_index_ratio: indexRatio, disagreements,
        order_rate_per_s: env.CATALOGUE_BENCH_ORDER_RATE, orders_sent_per_s: round(orders.sentPerSecond, 1), orders: orders.sent,
        order_to_first_task_p50_ms: firstTask.p50Ms, order_to_first_task_p99_ms: firstTask.p99Ms, order_ack_p50_ms: acknowledge.p50Ms, order_ack_p99_ms: acknowledge.p99Ms,
        lost: orders.lost, failed_orders: failed,
        seed_directory_ms: directoryMs, seed_items_ms: itemsMs, ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => process.stderr.write(`cleanup step failed: ${String(error)}\n`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
