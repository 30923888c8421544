import { isAvailable, OPERATIONAL_STATUSES } from '../model/ci';
import type { ImpactPropagation } from '../model/relationship-type';
import { ImpactIndex } from './impact-index';
import type { ImpactDirection, ImpactQuery, ImpactRelationshipType, ImpactResult, IndexedCi, IndexedRelationship, RedundancyRule } from './impact.types';

/** mulberry32: a tiny seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  readonly types: readonly ImpactRelationshipType[];
  /** Known, not retired CIs after all events. */
  readonly cis: ReadonlyMap<string, IndexedCi>;
  /** Active relationships after all events. */
  readonly rels: readonly IndexedRelationship[];
  readonly index: ImpactIndex;
}

type Event = { readonly seq: number; readonly apply: (index: ImpactIndex) => boolean };

/** `walkBetween`: a walk after every few events, so that the walk snapshot is built mid-stream and every later change must reach the next walk. */
function makeWorld(seed: number, walkBetween = false): World {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

  const propagations: readonly ImpactPropagation[] = ['target_to_source', 'source_to_target', 'none'];
  const types: ImpactRelationshipType[] = [];
  for (let t = 0; t < 5; t++) types.push({ id: `t${t}`, propagation: pick(propagations), membership: false });
  types.push({ id: 'member', propagation: 'source_to_target', membership: true });
  types.push({ id: 'member2', propagation: pick(propagations), membership: true });
  const typeIds = [...types.map((t) => t.id), 'ghost-type'];

  const ciCount = 25 + int(40);
  const ciIds = Array.from({ length: ciCount }, (_, i) => `ci-${i}`);
  const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  const randomRule = (): RedundancyRule | null => {
    switch (int(4)) {
      case 0:
        return null;
      case 1:
        return { minAvailable: int(4), minAvailablePercent: null };
      case 2:
        return { minAvailable: null, minAvailablePercent: pick([0, 25, 33, 50, 66, 100]) };
      default:
        return { minAvailable: null, minAvailablePercent: null };
    }
  };
  const randomCi = (id: string): IndexedCi => ({
    id,
    classId: pick(['server', 'cluster', 'application']),
    name: pick(names),
    operationalStatus: pick(OPERATIONAL_STATUSES),
    service: random() < 0.3,
    redundancy: randomRule(),
  });
  const relCount = Math.floor(ciCount * (1 + random() * 2.5));
  const relIds = Array.from({ length: relCount }, (_, i) => `rel-${i}`);
  const randomRel = (id: string): IndexedRelationship => {
    // a few hubs with many members make groups interesting
    const targetId = random() < 0.3 ? pick(ciIds.slice(0, 4)) : pick(ciIds);
    return { id, typeId: random() < 0.4 ? pick(['member', 'member2']) : pick(typeIds), sourceId: random() < 0.05 ? 'never-upserted' : pick(ciIds), targetId };
  };

  // Each id gets a few events with distinct sequences; the one with the highest sequence is the truth.
  const events: Event[] = [];
  const cis = new Map<string, IndexedCi>();
  for (const id of ciIds) {
    const count = 1 + int(3);
    const seqs = [...new Set(Array.from({ length: count }, () => int(1000)))].sort((a, b) => a - b); // distinct
    seqs.forEach((seq, k) => {
      const last = k === seqs.length - 1;
      if (random() < (last ? 0.1 : 0.3)) {
        events.push({ seq, apply: (index) => index.retireCi(id, seq) });
        if (last) cis.delete(id);
      } else {
        const ci = randomCi(id);
        events.push({ seq, apply: (index) => index.upsertCi(ci, seq) });
        if (last) cis.set(id, ci);
      }
    });
  }
  const rels = new Map<string, IndexedRelationship>();
  for (const id of relIds) {
    const count = 1 + int(3);
    const seqs = [...new Set(Array.from({ length: count }, () => int(1000)))].sort((a, b) => a - b); // distinct
    seqs.forEach((seq, k) => {
      const last = k === seqs.length - 1;
      if (random() < (last ? 0.1 : 0.3)) {
        events.push({ seq, apply: (index) => index.removeRelationship(id, seq) });
        if (last) rels.delete(id);
      } else {
        const rel = randomRel(id);
        events.push({ seq, apply: (index) => index.addRelationship(rel, seq) });
        if (last) rels.set(id, rel);
      }
    });
  }
  // duplicates, then any order
  for (let i = events.length - 1; i >= 0 && random() < 0.97; i -= 3) events.push(events[i] as Event);
  for (let i = events.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [events[i], events[j]] = [events[j] as Event, events[i] as Event];
  }

  // Types arrive part-way (some relationships come before their type is known).
  const index = new ImpactIndex(types.slice(0, 3));
  const half = events.length >> 1;
  events.forEach((event, i) => {
    if (i === half) index.setRelationshipTypes(types);
    event.apply(index);
    if (walkBetween && int(4) === 0) index.impact({ from: [pick(ciIds), pick(ciIds)], direction: random() < 0.5 ? 'downstream' : 'upstream', maxDepth: 50, limit: 3 });
  });
  return { types, cis, rels: [...rels.values()], index };
}

interface Expected {
  readonly depths: ReadonlyMap<string, number>;
  readonly depthLimitReached: boolean;
  /** group id -> state, for every group with members (end of walk). */
  readonly states: ReadonlyMap<string, { members: number; unavailable: number; required: number; unavailableMembers: string[] }>;
  readonly held: readonly string[];
}

/** The obviously-correct version: level by level, scanning every relationship, with Sets and Maps. */
function reference(world: World, query: ImpactQuery): Expected {
  const { cis, rels } = world;
  const types = new Map(world.types.map((t) => [t.id, t]));
  const considerStatus = query.considerStatus !== false;
  const maxDepth = Math.max(0, query.maxDepth);
  const downstream = query.direction === 'downstream';
  const walkable = rels.filter((r) => {
    const type = types.get(r.typeId);
    return type !== undefined && type.propagation !== 'none' && (query.relationshipTypes === undefined || query.relationshipTypes.includes(r.typeId)) && cis.has(r.sourceId) && cis.has(r.targetId);
  });
  const isMembership = (r: IndexedRelationship): boolean => types.get(r.typeId)?.membership === true;
  const membersOf = (g: string): Set<string> => new Set(walkable.filter((r) => isMembership(r) && r.targetId === g).map((r) => r.sourceId));
  /** Plain neighbours (membership handled apart downstream). */
  const next = (x: string): string[] => {
    const out: string[] = [];
    for (const r of walkable) {
      const p = types.get(r.typeId)?.propagation;
      if (isMembership(r)) {
        if (!downstream && r.targetId === x) out.push(r.sourceId);
      } else if (downstream) {
        if (p === 'source_to_target' && r.sourceId === x) out.push(r.targetId);
        if (p === 'target_to_source' && r.targetId === x) out.push(r.sourceId);
      } else {
        if (p === 'target_to_source' && r.sourceId === x) out.push(r.targetId);
        if (p === 'source_to_target' && r.targetId === x) out.push(r.sourceId);
      }
    }
    return out;
  };
  const groupsOf = (m: string): string[] => (downstream ? walkable.filter((r) => isMembership(r) && r.sourceId === m).map((r) => r.targetId) : []);
  const required = (g: string, members: number): number => {
    const rule = (cis.get(g) as IndexedCi).redundancy;
    if (rule === null) return members;
    if (rule.minAvailable !== null) return rule.minAvailable;
    if (rule.minAvailablePercent !== null) return Math.ceil((rule.minAvailablePercent * members) / 100);
    return members;
  };
  const statusDown = (m: string): boolean => considerStatus && !isAvailable((cis.get(m) as IndexedCi).operationalStatus);

  const depths = new Map<string, number>();
  for (const id of query.from) if (cis.has(id) && !depths.has(id)) depths.set(id, 0);
  let frontier = [...depths.keys()];
  let depthLimitReached = false;
  const reached = new Set<string>(); // groups a member's impact reached
  for (let d = 0; frontier.length > 0; d++) {
    if (d >= maxDepth) {
      depthLimitReached = frontier.some((x) => [...next(x), ...groupsOf(x)].some((v) => !depths.has(v)));
      break;
    }
    const found = new Set<string>();
    for (const x of frontier) for (const v of next(x)) if (!depths.has(v)) found.add(v);
    for (const x of frontier) for (const g of groupsOf(x)) reached.add(g);
    for (const g of reached) {
      if (depths.has(g) || found.has(g)) continue;
      const members = [...membersOf(g)];
      const unavailable = members.filter((m) => statusDown(m) || (depths.get(m) ?? Infinity) <= d).length;
      if (members.length - unavailable < required(g, members.length)) found.add(g);
    }
    for (const v of found) depths.set(v, d + 1);
    frontier = [...found];
  }

  const states = new Map<string, { members: number; unavailable: number; required: number; unavailableMembers: string[] }>();
  for (const g of cis.keys()) {
    const members = [...membersOf(g)];
    if (members.length === 0) continue;
    const unavailableMembers = members.filter((m) => statusDown(m) || (downstream && (depths.get(m) ?? Infinity) < maxDepth)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    states.set(g, { members: members.length, unavailable: unavailableMembers.length, required: required(g, members.length), unavailableMembers });
  }
  const held = [...reached].filter((g) => !depths.has(g));
  for (const id of query.from) depths.delete(id);
  return { depths, depthLimitReached, states, held };
}

function byDepthNameId(cis: ReadonlyMap<string, IndexedCi>, depths: ReadonlyMap<string, number>): string[] {
  const key = (id: string): [number, string, string] => [depths.get(id) as number, (cis.get(id) as IndexedCi).name, id];
  return [...depths.keys()].sort((a, b) => {
    const [da, na, ia] = key(a);
    const [db, nb, ib] = key(b);
    return da - db || (na < nb ? -1 : na > nb ? 1 : 0) || (ia < ib ? -1 : ia > ib ? 1 : 0);
  });
}

/** Every path is a real walk: right length, from an origin, each hop along a walkable relationship read the right way. Returns the problems found. */
function pathProblems(world: World, query: ImpactQuery, result: ImpactResult, depths: ReadonlyMap<string, number>): string[] {
  const rels = new Map(world.rels.map((r) => [r.id, r]));
  const types = new Map(world.types.map((t) => [t.id, t]));
  const problems: string[] = [];
  for (const item of result.impacted) {
    const fail = (why: string): void => void problems.push(`${item.id}: ${why} in ${JSON.stringify(item.path)}`);
    if (item.path.length !== item.depth) fail('length is not the depth');
    if (!query.from.includes(item.path[0]?.ciId as string)) fail('does not start at an origin');
    item.path.forEach((step, k) => {
      const to = k + 1 < item.path.length ? (item.path[k + 1]?.ciId as string) : item.id;
      if (k > 0 && depths.get(step.ciId) !== k) fail(`step ${k} is not at depth ${k}`);
      const rel = rels.get(step.relationshipId);
      const type = types.get(rel?.typeId ?? '');
      if (rel === undefined || type === undefined) return fail(`step ${k}: no such relationship or type`);
      if (step.typeId !== rel.typeId) fail(`step ${k}: wrong type`);
      const [from, into] = step.reading === 'forward' ? [rel.sourceId, rel.targetId] : [rel.targetId, rel.sourceId];
      if (from !== step.ciId || into !== to) fail(`step ${k}: relationship does not join ${step.ciId} to ${to} in that reading`);
      if (type.propagation === 'none') fail(`step ${k}: propagation none`);
      if (query.relationshipTypes !== undefined && !query.relationshipTypes.includes(rel.typeId)) fail(`step ${k}: filtered type`);
      const impactFlowsForward = type.membership || type.propagation === 'source_to_target';
      // downstream walks with the impact, upstream against it
      if ((step.reading === 'forward') !== (query.direction === 'downstream' ? impactFlowsForward : !impactFlowsForward)) fail(`step ${k}: against the propagation`);
    });
  }
  return problems;
}

describe('ImpactIndex against a reference implementation (seeded random graphs with cycles)', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);

  it.each(seeds)('seed %i', (seed) => checkWorld(makeWorld(seed), seed));

  it.each(seeds.slice(0, 15))('seed %i, walked between the events (the walk snapshot follows every change)', (seed) => {
    const world = makeWorld(seed, true);
    expect(world.index.walkSnapshotBuilds).toBeGreaterThan(0); // built mid-stream, then kept current
    checkWorld(world, seed);
  });
});

function checkWorld(world: World, seed: number): void {
  const random = prng(seed ^ 0x5eed);
  const ids = [...world.cis.keys()];
  expect(world.index.size).toEqual({ cis: world.cis.size, relationships: world.rels.length });
  for (const id of ids) expect(world.index.ci(id)).toBe(world.cis.get(id));
  for (const id of ids) {
    const mine = world.rels.filter((r) => r.sourceId === id || r.targetId === id).map((r) => r.id).sort();
    expect(world.index.relationshipsOf(id).map((r) => r.id).sort()).toEqual(mine);
  }

  for (let q = 0; q < 25; q++) {
    const from = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.1 ? 'nope' : (ids[Math.floor(random() * ids.length)] as string)));
    const direction: ImpactDirection = random() < 0.6 ? 'downstream' : 'upstream';
    const query: ImpactQuery = {
      from,
      direction,
      maxDepth: random() < 0.3 ? Math.floor(random() * 3) : 50,
      ...(random() < 0.25 ? { relationshipTypes: world.types.filter(() => random() < 0.6).map((t) => t.id) } : {}),
      ...(random() < 0.3 ? { considerStatus: false } : {}),
    };
    const expected = reference(world, query);
    const result = world.index.impact({ ...query, limit: 10_000 });
    const context = JSON.stringify(query);

    expect([context, result.impacted.map((c) => [c.id, c.depth])]).toEqual([context, byDepthNameId(world.cis, expected.depths).map((id) => [id, expected.depths.get(id)])]);
    expect(result.totalImpacted).toBe(expected.depths.size);
    expect(result.totalServices).toBe([...expected.depths.keys()].filter((id) => world.cis.get(id)?.service).length);
    expect(result.services).toEqual(result.impacted.filter((c) => c.service));
    expect(result.depthLimitReached).toBe(expected.depthLimitReached);
    expect(result.truncated).toBe(false);
    expect(result.unknownOrigins).toEqual([...new Set(from.filter((id) => !world.cis.has(id)))]);
    expect(result.impacted.map((c) => [c.id, c.redundancy])).toEqual(result.impacted.map((c) => [c.id, expected.states.get(c.id) ?? null]));
    expect(result.redundancyHeld.map((h) => h.id).sort()).toEqual([...expected.held].sort());
    expect(result.redundancyHeld.map((h) => h.redundancy)).toEqual(result.redundancyHeld.map((h) => expected.states.get(h.id)));
    const depths = new Map(expected.depths);
    for (const id of from) if (world.cis.has(id)) depths.set(id, 0);
    expect(pathProblems(world, query, result, depths)).toEqual([]);

    // a small limit lists the first CIs of the full answer, counts unchanged
    const limit = Math.floor(random() * 8);
    const limited = world.index.impact({ ...query, limit });
    expect(limited.impacted.map((c) => c.id)).toEqual(result.impacted.slice(0, limit).map((c) => c.id));
    expect(limited.totalImpacted).toBe(result.totalImpacted);
    expect(limited.totalServices).toBe(result.totalServices);
    expect(limited.truncated).toBe(result.totalImpacted > limit);
  }
}
