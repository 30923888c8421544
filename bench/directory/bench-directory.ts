/**
 * npm run bench:directory — the people directory provisioned through SCIM 2.0 over HTTP, as an
 * identity provider does it: DIRECTORY_BENCH_USERS users (POST /Users), DIRECTORY_BENCH_GROUPS
 * groups with their members in the create (POST /Groups, DIRECTORY_BENCH_AVERAGE_MEMBERS on
 * average), DIRECTORY_BENCH_PATCHES single-member PATCHes (add, then remove, Entra ID style) on
 * DIRECTORY_BENCH_PATCHED_GROUPS groups, each phase with DIRECTORY_BENCH_IN_FLIGHT requests in
 * flight; then `GET /Users?filter=userName eq "..."` at that size, one request at a time, beside the
 * naive scan in the same run.
 *
 * The naive scan is the same look-up written as `userName ew "<the whole userName>"`: the same
 * HTTP path, guard, query handler, mapping and answer (exactly that one person), but a suffix
 * match no index on the lower-cased userName key can serve, so the store reads every person. It
 * differs from `eq` in nothing but how the store finds the document, which is what the key is for.
 * (The embedded MongoDB-wire server has no query planner: it scans for `eq` too, so there the
 * ratio shows only the cost of the regex; with MONGO_URL it is index look-up vs collection scan.)
 * The two alternate in blocks, so neither gets the quieter half of the run.
 *
 * Checks (any failure makes the exit code non-zero): every request answered as SCIM says (201 with
 * an id, 204 for a group PATCH, exactly the right person for every look-up); every created user is
 * listed by paging GET /Users (`lost` = created - found); every group holds exactly the members it
 * was created with plus the PATCHes (all groups read from the store, the patched ones also through
 * GET /Groups/{id}); no event left unpublished in an outbox.
 *
 * Storage: MONGO_URL when set (databases `<MONGO_DB_PREFIX>_bench<random>_*`, dropped at the end),
 * else the embedded MongoDB-wire server (CongoDB, in a child process with
 * DIRECTORY_BENCH_MONGO_HEAP_MB of heap). Each phase reports the CPU time of this process (the
 * service and the client) and of the embedded server. The last line printed is one JSON object.
 */
import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { directoryContext, IssueProvisioningTokenCommand, IssueProvisioningTokenHandler } from '@itsm/directory';
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { connectContext, freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import type { EmbeddedMongo, MongoSettings } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { Type } from '@sinclair/typebox';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, cpuTimes, FailureLog, percentiles, perSecond, ScimClient, unexpected } from './scim-traffic';
import type { Percentiles, Phase, ScimAnswer } from './scim-traffic';
import { groupBody, patchBody, planWorkload, userBody, userNameOf } from './workload';
import type { Workload } from './workload';

const BenchEnv = Type.Object({
  DIRECTORY_BENCH_USERS: Type.Integer({ minimum: 1, default: 100_000 }),
  DIRECTORY_BENCH_GROUPS: Type.Integer({ minimum: 1, default: 5_000 }),
  DIRECTORY_BENCH_AVERAGE_MEMBERS: Type.Integer({ minimum: 1, maximum: 50_000, default: 40 }),
  /** Groups that receive the single-member PATCHes, spread over all groups. */
  DIRECTORY_BENCH_PATCHED_GROUPS: Type.Integer({ minimum: 1, default: 500 }),
  DIRECTORY_BENCH_PATCHES: Type.Integer({ minimum: 0, default: 5_000 }),
  /** userName look-ups of each kind (eq and the naive scan), one at a time. */
  DIRECTORY_BENCH_LOOKUPS: Type.Integer({ minimum: 1, default: 300 }),
  DIRECTORY_BENCH_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 256, default: 8 }),
  DIRECTORY_BENCH_SEED: Type.Integer({ minimum: 0, default: 13 }),
  /** Heap limit of the embedded MongoDB child (it holds everything in memory). */
  DIRECTORY_BENCH_MONGO_HEAP_MB: Type.Integer({ minimum: 512, default: 6_144 }),
});

const env = loadConfig(envSchema(MongoEnv, BenchEnv), process.env);
const IN_FLIGHT = env.DIRECTORY_BENCH_IN_FLIGHT;
/** Look-ups alternate between eq and the naive scan in blocks of this many. */
const LOOKUP_BLOCK = 25;
/** The largest page GET /Users serves. */
const LIST_PAGE = 1_000;

const failures = new FailureLog();
const fail = failures.add;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A long scan blocks the embedded server: the driver's monitor must not give up on it meanwhile. */
const withPatientMonitor = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}heartbeatFrequencyMS=3600000`;

async function startEmbedded(): Promise<EmbeddedMongo> {
  const previous = process.env['NODE_OPTIONS'];
  process.env['NODE_OPTIONS'] = `${previous ?? ''} --max-old-space-size=${env.DIRECTORY_BENCH_MONGO_HEAP_MB}`.trim();
  try {
    return await startEmbeddedMongo();
  } finally {
    if (previous === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = previous;
  }
}

interface Measured<T> {
  readonly result: T;
  readonly selfCpuMs: number;
  readonly storeCpuMs: number;
}

/** Runs a phase and the CPU time this process and the embedded server spent meanwhile. */
async function measured<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const before = cpuTimes();
  const result = await run();
  const after = cpuTimes();
  return { result, selfCpuMs: Math.round(after.selfMs - before.selfMs), storeCpuMs: Math.round(after.storeMs - before.storeMs) };
}

const storeShare = (m: Measured<unknown>): number => +(m.storeCpuMs / Math.max(1, m.storeCpuMs + m.selfCpuMs)).toFixed(3);

function showPhase(label: string, m: Measured<Phase>): void {
  const l = percentiles(m.result.latencies);
  console.log(
    `${label}: ${m.result.done} in ${(m.result.elapsedMs / 1000).toFixed(1)} s = ${perSecond(m.result)}/s; latency p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms; CPU: service+client ${(m.selfCpuMs / 1000).toFixed(1)} s, store ${(m.storeCpuMs / 1000).toFixed(1)} s (store share ${storeShare(m)})`,
  );
}

/** Waits until every event the run wrote has left the outboxes (the relay published it). */
async function outboxesDrained(db: Connection, timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const pending = async (): Promise<number> => {
    const counts = await Promise.all(['directory_people', 'directory_groups'].map((name) => db.collection(name).countDocuments({ _outboxPending: true })));
    return counts.reduce((a, b) => a + b, 0);
  };
  let left = await pending();
  while (left > 0 && Date.now() < deadline) {
    await sleep(500);
    left = await pending();
  }
  if (left > 0) fail(`${left} directory records still had unpublished events ${timeoutMs / 1000} s after the writes`);
  return left;
}

async function provisionUsers(scim: ScimClient, tag: string, total: number, ids: (string | undefined)[]): Promise<Phase> {
  return closedLoop('POST /Users', total, IN_FLIGHT, async (i) => {
    const answer = await scim.send('POST', '/Users', userBody(tag, i));
    if (answer.status !== 201 || typeof answer.body.id !== 'string' || answer.body.userName !== userNameOf(tag, i)) return unexpected('POST /Users', answer);
    ids[i] = answer.body.id;
    return undefined;
  }, fail);
}

async function provisionGroups(scim: ScimClient, tag: string, workload: Workload, userIds: readonly (string | undefined)[], groupIds: (string | undefined)[]): Promise<Phase> {
  return closedLoop('POST /Groups', workload.members.length, IN_FLIGHT, async (g) => {
    const memberIds = (workload.members[g] ?? []).flatMap((u) => userIds[u] ?? []);
    const answer = await scim.send('POST', '/Groups', groupBody(tag, g, memberIds));
    if (answer.status !== 201 || typeof answer.body.id !== 'string') return unexpected('POST /Groups', answer);
    if (answer.body.members?.length !== memberIds.length) return `POST /Groups: ${answer.body.members?.length ?? 0} members answered, ${memberIds.length} sent`;
    groupIds[g] = answer.body.id;
    return undefined;
  }, fail);
}

/** The PATCHes of one group go one after another (an identity provider serialises its changes to a group). */
async function patchMembers(scim: ScimClient, workload: Workload, userIds: readonly (string | undefined)[], groupIds: readonly (string | undefined)[]): Promise<Phase> {
  const previous = new Map<number, Promise<unknown>>();
  return closedLoop('PATCH /Groups', workload.patches.length, IN_FLIGHT, async (i) => {
    const patch = workload.patches[i]!;
    const groupId = groupIds[patch.group];
    const personId = userIds[patch.user];
    if (groupId === undefined || personId === undefined) return 'PATCH /Groups: its group or person was not created';
    const before = previous.get(patch.group);
    const sent = (async (): Promise<ScimAnswer> => {
      await before;
      return scim.send('PATCH', `/Groups/${groupId}`, patchBody(patch, personId));
    })();
    previous.set(patch.group, sent.catch(() => undefined));
    const answer = await sent;
    return answer.status === 204 ? undefined : unexpected(`PATCH /Groups (${patch.add ? 'add' : 'remove'})`, answer);
  }, fail);
}

interface Lookups {
  readonly eq: Percentiles;
  readonly naive: Percentiles;
}

/** The look-ups, one at a time, eq and the naive scan alternating in blocks; each must answer exactly its person. */
async function lookUp(scim: ScimClient, tag: string, workload: Workload, userIds: readonly (string | undefined)[]): Promise<Lookups> {
  const samples = { eq: [] as number[], ew: [] as number[] };
  const one = async (operator: 'eq' | 'ew', u: number): Promise<void> => {
    const filter = encodeURIComponent(`userName ${operator} "${userNameOf(tag, u)}"`);
    const sent = performance.now();
    const answer = await scim.send('GET', `/Users?filter=${filter}`);
    samples[operator].push(performance.now() - sent);
    const found = answer.body.Resources;
    if (answer.status !== 200 || answer.body.totalResults !== 1 || found?.length !== 1 || found[0]?.id !== userIds[u]) {
      fail(`${unexpected(`GET /Users?filter=userName ${operator}`, answer)}, ${String(answer.body.totalResults)} found`);
    }
  };
  const total = workload.lookups.length;
  for (let start = 0, block = 0; start < total; start += LOOKUP_BLOCK, block++) {
    const users = workload.lookups.slice(start, start + LOOKUP_BLOCK);
    const order: ('eq' | 'ew')[] = block % 2 === 0 ? ['eq', 'ew'] : ['ew', 'eq'];
    for (const operator of order) for (const u of users) await one(operator, u);
    if (block % 4 === 3) console.log(`  look-ups: ${Math.min(total, start + LOOKUP_BLOCK)}/${total} of each`);
  }
  return { eq: percentiles(samples.eq), naive: percentiles(samples.ew) };
}

/** Pages through GET /Users: the created people it does not list are lost. */
async function countLost(scim: ScimClient, userIds: readonly (string | undefined)[]): Promise<{ lost: number; listed: number }> {
  const listed = new Set<string>();
  for (let startIndex = 1; ; startIndex += LIST_PAGE) {
    const answer = await scim.send('GET', `/Users?startIndex=${startIndex}&count=${LIST_PAGE}&attributes=userName`);
    const page = answer.body.Resources ?? [];
    if (answer.status !== 200) {
      fail(unexpected('GET /Users (paging)', answer));
      break;
    }
    for (const resource of page) if (typeof resource.id === 'string') listed.add(resource.id);
    if (page.length < LIST_PAGE) break;
  }
  const created = userIds.filter((id): id is string => id !== undefined);
  const lost = created.filter((id) => !listed.has(id)).length;
  if (lost > 0) fail(`${lost} created users are not listed by GET /Users`);
  return { lost, listed: listed.size };
}

/** Every group's members in the store, and the patched ones through SCIM, against the plan. */
async function memberMismatches(db: Connection, scim: ScimClient, workload: Workload, userIds: readonly (string | undefined)[], groupIds: readonly (string | undefined)[]): Promise<number> {
  const expected = (g: number): Set<string> => new Set([...(workload.finalMembers[g] ?? [])].flatMap((u) => userIds[u] ?? []));
  const sameMembers = (a: Set<string>, b: readonly unknown[]): boolean => a.size === b.length && b.every((id) => typeof id === 'string' && a.has(id));
  const stored = new Map<string, readonly unknown[]>();
  for await (const doc of db.collection('directory_groups').find({ deleted: false }, { projection: { id: 1, memberIds: 1 } })) {
    stored.set(String(doc['id']), Array.isArray(doc['memberIds']) ? (doc['memberIds'] as unknown[]) : []);
  }
  let mismatches = 0;
  groupIds.forEach((id, g) => {
    if (id !== undefined && !sameMembers(expected(g), stored.get(id) ?? [])) mismatches++;
  });
  const patched = [...new Set(workload.patches.map((p) => p.group))];
  for (const g of patched) {
    const id = groupIds[g];
    if (id === undefined) continue;
    const answer = await scim.send('GET', `/Groups/${id}`);
    if (answer.status !== 200 || !sameMembers(expected(g), (answer.body.members ?? []).map((m) => m.value))) mismatches++;
  }
  if (mismatches > 0) fail(`${mismatches} groups do not hold the members they were given`);
  return mismatches;
}

async function main(): Promise<number> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const embedded = env.MONGO_URL === undefined ? await startEmbedded() : undefined;
  if (embedded) cleanup.push(() => embedded.stop());
  const mongo: MongoSettings = { url: withPatientMonitor(embedded ? embedded.url : (env.MONGO_URL ?? '')), dbPrefix: `${env.MONGO_DB_PREFIX}_bench${randomUUID().slice(0, 8)}` };
  const keyDir = await mkdtemp(join(tmpdir(), 'itsm-bench-'));
  cleanup.push(() => rm(keyDir, { recursive: true, force: true }));
  try {
    // The bench's own connection to the directory's database: outbox and member checks; dropped at the end with MONGO_URL.
    const db = await connectContext(mongo, 'directory');
    cleanup.push(() => (embedded ? Promise.resolve() : db.dropDatabase()).then(() => db.close()));
    const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
    cleanup.push(() => bus.close());
    const port = await freePort();
    const auth = { source: { kind: 'dev-key' as const, file: join(keyDir, 'dev-key.json') }, issuer: 'itsm-bench', audience: 'itsm-bench-api' };
    const { app } = await startContext(directoryContext, { nodeEnv: 'production', logLevel: 'warn', mongo, auth, bus }, {}, { port, host: '127.0.0.1' });
    cleanup.push(() => app.close());
    const issued = await app.get(IssueProvisioningTokenHandler).execute(new IssueProvisioningTokenCommand({ by: 'u-bench-admin' }, 'Bench Entra ID', null));
    const scim = new ScimClient(`http://127.0.0.1:${port}/scim/v2`, issued.token);

    const tag = `b${randomUUID().slice(0, 6)}`;
    const size = {
      users: env.DIRECTORY_BENCH_USERS,
      groups: env.DIRECTORY_BENCH_GROUPS,
      averageMembers: env.DIRECTORY_BENCH_AVERAGE_MEMBERS,
      patchedGroups: env.DIRECTORY_BENCH_PATCHED_GROUPS,
      patches: env.DIRECTORY_BENCH_PATCHES,
      lookups: env.DIRECTORY_BENCH_LOOKUPS,
    };
    const workload = planWorkload(size, env.DIRECTORY_BENCH_SEED);
    const memberRefs = workload.members.reduce((sum, m) => sum + m.length, 0);
    const storage = embedded ? 'embedded MongoDB-wire server (CongoDB)' : 'MONGO_URL';
    console.log(`storage: ${storage}; ${size.users} users, ${size.groups} groups (${memberRefs} memberships, ${(memberRefs / size.groups).toFixed(1)} on average), ${workload.patches.length} member PATCHes on ${Math.min(size.patchedGroups, size.groups)} groups; ${IN_FLIGHT} requests in flight`);

    const userIds: (string | undefined)[] = new Array<string | undefined>(size.users);
    const groupIds: (string | undefined)[] = new Array<string | undefined>(size.groups);
    const users = await measured(() => provisionUsers(scim, tag, size.users, userIds));
    showPhase('POST /Users', users);
    const groups = await measured(() => provisionGroups(scim, tag, workload, userIds, groupIds));
    showPhase('POST /Groups (with members)', groups);
    const patches = await measured(() => patchMembers(scim, workload, userIds, groupIds));
    showPhase('PATCH /Groups (one member added or removed)', patches);
    const drainStarted = performance.now();
    const unpublished = await outboxesDrained(db);
    console.log(`outboxes drained ${((performance.now() - drainStarted) / 1000).toFixed(1)} s after the last write`);

    const lookups = await measured(() => lookUp(scim, tag, workload, userIds));
    const { eq, naive } = lookups.result;
    const speedup = +(naive.p95Ms / eq.p95Ms).toFixed(2);
    console.log(`GET /Users?filter=userName eq "...": p50 ${eq.p50Ms} ms, p95 ${eq.p95Ms} ms, p99 ${eq.p99Ms} ms (n=${workload.lookups.length}, one at a time)`);
    console.log(`naive scan (userName ew "<whole userName>"): p50 ${naive.p50Ms} ms, p95 ${naive.p95Ms} ms, p99 ${naive.p99Ms} ms; eq speedup (naive p95 / eq p95) ${speedup}; store share of CPU ${storeShare(lookups)}`);

    const { lost, listed } = await countLost(scim, userIds);
    const mismatches = await memberMismatches(db, scim, workload, userIds, groupIds);
    const created = userIds.filter((id) => id !== undefined).length;
    console.log(`checks: ${created} users created, ${listed} listed, lost ${lost}; ${groupIds.filter((id) => id !== undefined).length} groups, member mismatches ${mismatches}; unpublished ${unpublished}`);
    console.log(`failures: ${failures.count}${failures.count === 0 ? '' : ' (must be 0)'}`);
    for (const [reason, count] of failures.samples) console.log(`  ${count} x ${reason}`);
    const usersLatency = percentiles(users.result.latencies);
    const patchLatency = percentiles(patches.result.latencies);
    console.log(
      JSON.stringify({
        bench: 'directory',
        storage: embedded ? 'embedded' : 'mongo_url',
        users: size.users,
        groups: size.groups,
        memberships: memberRefs,
        member_patches: workload.patches.length,
        in_flight: IN_FLIGHT,
        users_per_s: perSecond(users.result),
        users_elapsed_s: +(users.result.elapsedMs / 1000).toFixed(1),
        users_p95_ms: usersLatency.p95Ms,
        users_store_cpu_ratio: storeShare(users),
        groups_per_s: perSecond(groups.result),
        groups_elapsed_s: +(groups.result.elapsedMs / 1000).toFixed(1),
        groups_store_cpu_ratio: storeShare(groups),
        member_patches_per_s: perSecond(patches.result),
        member_patch_p95_ms: patchLatency.p95Ms,
        patches_store_cpu_ratio: storeShare(patches),
        lookups: workload.lookups.length,
        filter_eq_p50_ms: eq.p50Ms,
        filter_eq_p95_ms: eq.p95Ms,
        filter_eq_p99_ms: eq.p99Ms,
        naive_scan: 'userName ew',
        naive_scan_p50_ms: naive.p50Ms,
        naive_scan_p95_ms: naive.p95Ms,
        naive_scan_p99_ms: naive.p99Ms,
        filter_eq_speedup: speedup,
        lost,
        member_mismatches: mismatches,
        unpublished,
        failures: failures.count,
      }),
    );
    return failures.count === 0 ? 0 : 1;
  } finally {
    // Last registered, first undone: the app before the bus and the connection, the store last.
    for (const undo of cleanup.reverse()) await undo().catch((error: unknown) => console.error('cleanup step failed:', error));
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
