/**
 * The baselines impact analysis is compared with in bench:cmdb:
 *  - MongoDB `$graphLookup` over `cmdb_relationships` (the question it can answer: one direction,
 *    the target_to_source types, no redundancy), then the impacted CIs' names and classes fetched
 *    by `_id` (the index answers with them);
 *  - the naive in-memory representation: a Map from CI id to its CI and its outgoing and incoming
 *    relationship objects, and a plain breadth-first walk over it (also an independent count of
 *    what the index finds);
 *  - a bare CSR breadth-first walk (bareCsr): the floor for the index's own walk.
 */
import { CORE_RELATIONSHIP_TYPES } from '@itsm/cmdb';
import type { ImpactDirection, IndexedCi, Relationship } from '@itsm/cmdb';
import { Types } from 'mongoose';
import type { mongo } from 'mongoose';
import { TYPE_IDS } from './topology';
import type { Topology } from './topology';

export interface NaiveNode {
  ci: IndexedCi | undefined;
  readonly out: Relationship[];
  readonly in: Relationship[];
}

export type NaiveGraph = Map<string, NaiveNode>;

function nodeOf(graph: NaiveGraph, id: string): NaiveNode {
  let node = graph.get(id);
  if (node === undefined) graph.set(id, (node = { ci: undefined, out: [], in: [] }));
  return node;
}

export function naiveAddCi(graph: NaiveGraph, ci: IndexedCi): void {
  nodeOf(graph, ci.id).ci = ci;
}

export function naiveAddRelationship(graph: NaiveGraph, r: Relationship): void {
  if (r.state !== 'active') return;
  nodeOf(graph, r.sourceId).out.push(r);
  nodeOf(graph, r.targetId).in.push(r);
}

/**
 * CIs reached from `from` (origin excluded) over relationships of `types` read from target to
 * source (downstream: who needs this one) or source to target (upstream: what this one needs),
 * at most `maxDepth` hops, known CIs only.
 */
export function naiveReach(graph: NaiveGraph, from: string, direction: ImpactDirection, maxDepth: number, types: ReadonlySet<string>): Map<string, number> {
  const depth = new Map<string, number>([[from, 0]]);
  let frontier = [from];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = graph.get(id);
      if (node === undefined) continue;
      const edges = direction === 'downstream' ? node.in : node.out;
      for (const r of edges) {
        if (!types.has(r.typeId)) continue;
        const other = direction === 'downstream' ? r.sourceId : r.targetId;
        if (depth.has(other) || graph.get(other)?.ci === undefined) continue;
        depth.set(other, d);
        next.push(other);
      }
    }
    frontier = next;
  }
  depth.delete(from);
  return depth;
}

export interface GraphLookupProgress {
  stage: 'graphLookup' | 'fetch' | 'done';
  lookupMs: number | null;
  impacted: number | null;
}

export interface GraphLookupAnswer {
  readonly lookupMs: number;
  readonly fetchMs: number;
  readonly totalMs: number;
  /** Distinct CIs reached, origin excluded. */
  readonly impacted: number;
  /** Relationship documents the `$graphLookup` returned. */
  readonly relationships: number;
  readonly fetched: number;
  readonly listed: readonly { id: string; name: string; classId: string; depth: number }[];
}

/**
 * The impact question as MongoDB answers it: `$graphLookup` from the CI over the given types (the
 * index's maxDepth hops are `maxDepth - 1` for `$graphLookup`, whose depth 0 is the first hop),
 * then the names and classes of the first `listLimit` CIs (by depth) in a second query, as the
 * index lists at most `limit` CIs with their names.
 */
export async function graphLookupImpact(
  db: mongo.Db,
  from: string,
  direction: ImpactDirection,
  maxDepth: number,
  types: readonly string[],
  listLimit: number,
  maxTimeMS: number,
  progress: GraphLookupProgress,
): Promise<GraphLookupAnswer> {
  const downstream = direction === 'downstream';
  const started = performance.now();
  progress.stage = 'graphLookup';
  const [doc] = await db
    .collection('cmdb_cis')
    .aggregate<{ impact?: { sourceId: string; targetId: string; depth: number }[] }>(
      [
        { $match: { _id: new Types.ObjectId(from) } },
        {
          $graphLookup: {
            from: 'cmdb_relationships',
            startWith: from,
            connectFromField: downstream ? 'sourceId' : 'targetId',
            connectToField: downstream ? 'targetId' : 'sourceId',
            as: 'impact',
            maxDepth: Math.max(0, maxDepth - 1),
            depthField: 'depth',
            restrictSearchWithMatch: { state: 'active', typeId: { $in: [...types] } },
          },
        },
        { $project: { _id: 0, 'impact.sourceId': 1, 'impact.targetId': 1, 'impact.depth': 1 } },
      ],
      { maxTimeMS },
    )
    .toArray();
  const lookupMs = performance.now() - started;
  const depth = new Map<string, number>();
  for (const r of doc?.impact ?? []) {
    const id = downstream ? r.sourceId : r.targetId;
    const d = Number(r.depth) + 1;
    if (id !== from && !(depth.get(id) !== undefined && (depth.get(id) as number) <= d)) depth.set(id, d);
  }
  progress.lookupMs = lookupMs;
  progress.impacted = depth.size;
  progress.stage = 'fetch';
  const wanted = [...depth.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, listLimit);
  const fetchStarted = performance.now();
  const rows =
    wanted.length === 0
      ? []
      : await db
          .collection('cmdb_cis')
          .find({ _id: { $in: wanted.map(([id]) => new Types.ObjectId(id)) } }, { projection: { name: 1, classId: 1 }, maxTimeMS })
          .toArray();
  const fetchMs = performance.now() - fetchStarted;
  progress.stage = 'done';
  const names = new Map(rows.map((r) => [String(r._id), r as unknown as { name: string; classId: string }]));
  const listed = wanted.map(([id, d]) => ({ id, name: names.get(id)?.name ?? '', classId: names.get(id)?.classId ?? '', depth: d }));
  return { lookupMs, fetchMs, totalMs: performance.now() - started, impacted: depth.size, relationships: doc?.impact?.length ?? 0, fetched: rows.length, listed };
}

/**
 * The floor a walk can reach: a bare compressed-sparse-row copy of the generated graph for one
 * direction (every type that propagates, a membership read as a plain step: no redundancy, no
 * status, no type filter, no paths), walked breadth-first with a generation-stamped visited array.
 */
export interface BareCsr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly seen: Int32Array;
  readonly queue: Int32Array;
  generation: number;
}

export function bareCsr(topology: Topology, direction: ImpactDirection): BareCsr {
  const nodes = topology.cis.length;
  const { type, source, target, count } = topology.relationships;
  const propagation = new Map(CORE_RELATIONSHIP_TYPES.map((t) => [t.id, t.membership ? 'source_to_target' : t.propagation]));
  // per TYPE_IDS index: 1 = impact flows source -> target, -1 = target -> source, 0 = never
  const flow = TYPE_IDS.map((id) => (propagation.get(id) === 'source_to_target' ? 1 : propagation.get(id) === 'target_to_source' ? -1 : 0));
  const sign = direction === 'downstream' ? 1 : -1;
  const offsets = new Int32Array(nodes + 1);
  const from = (i: number): number => ((flow[type[i] as number] as number) * sign > 0 ? (source[i] as number) : (target[i] as number));
  const to = (i: number): number => ((flow[type[i] as number] as number) * sign > 0 ? (target[i] as number) : (source[i] as number));
  for (let i = 0; i < count; i++) if (flow[type[i] as number] !== 0) (offsets[from(i) + 1] as number)++;
  for (let n = 0; n < nodes; n++) offsets[n + 1] = (offsets[n + 1] as number) + (offsets[n] as number);
  const fill = offsets.slice(0, nodes);
  const targets = new Int32Array(offsets[nodes] as number);
  for (let i = 0; i < count; i++) if (flow[type[i] as number] !== 0) targets[(fill[from(i)] as number)++] = to(i);
  return { offsets, targets, seen: new Int32Array(nodes), queue: new Int32Array(nodes), generation: 0 };
}

/** CIs reached from `origin` (a CI number) in at most `maxDepth` hops, origin excluded. */
export function bareReach(csr: BareCsr, origin: number, maxDepth: number): number {
  const { offsets, targets, seen, queue } = csr;
  const gen = ++csr.generation;
  seen[origin] = gen;
  queue[0] = origin;
  let head = 0;
  let tail = 1;
  for (let d = 0; d < maxDepth && head < tail; d++) {
    const levelEnd = tail;
    while (head < levelEnd) {
      const u = queue[head++] as number;
      for (let k = offsets[u] as number, end = offsets[u + 1] as number; k < end; k++) {
        const v = targets[k] as number;
        if (seen[v] !== gen) {
          seen[v] = gen;
          queue[tail++] = v;
        }
      }
    }
  }
  return tail - 1;
}
