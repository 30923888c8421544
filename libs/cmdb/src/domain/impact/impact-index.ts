import { isAvailable } from '../model/ci';
import { AdjacencyLists } from './adjacency';
import type {
  ImpactedCi,
  ImpactQuery,
  ImpactRelationshipType,
  ImpactResult,
  IndexedCi,
  IndexedRelationship,
  PathStep,
  RedundancyHeld,
  RedundancyRule,
  RedundancyState,
} from './impact.types';
import { FLOW_BACKWARD, FLOW_FORWARD, FLOW_MEMBERSHIP, FLOW_NONE, WalkSnapshot } from './walk-snapshot';

const DEFAULT_LIMIT = 1000;
const MAX_GENERATION = 0x7fff_fffe;
/** `visited` of a node reached at maxDepth (listed, not expanded, not counted against its groups). */
const AT_DEPTH_LIMIT = 2;
/** Per node in `groups`: [generation the state belongs to, last member counted, margin (see initGroup), unused]. */
const GROUP_STRIDE = 4;

type TypedArray = Int32Array | Uint8Array | Float64Array;

function grown<T extends TypedArray>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

function flowOf(type: ImpactRelationshipType): number {
  switch (type.propagation) {
    case 'none':
      return FLOW_NONE;
    case 'source_to_target':
      return type.membership ? FLOW_MEMBERSHIP : FLOW_FORWARD;
    case 'target_to_source':
      return type.membership ? FLOW_MEMBERSHIP : FLOW_BACKWARD;
  }
}

/** Members a group needs (see RedundancyRule). */
export function requiredMembers(rule: RedundancyRule | null, members: number): number {
  if (rule === null) return members;
  if (rule.minAvailable !== null) return rule.minAvailable;
  if (rule.minAvailablePercent !== null) return Math.max(0, Math.ceil((rule.minAvailablePercent * members) / 100 - 1e-9));
  return members;
}

/**
 * An in-memory adjacency index of the CMDB graph, fed by (possibly replayed, duplicated, reordered)
 * events, and the impact analysis over it.
 *
 * CIs and relationships get dense integer numbers on first sight (a relationship may name CIs not
 * seen yet: their numbers exist, unknown, until upserted; an edge is walked once both ends are known
 * and not retired and its type is known). Per node two adjacency lists (out: the node is the
 * source; in: the target) packed in typed arrays, each entry holding the other end and the type
 * number (see AdjacencyLists); per edge its endpoints and type in typed arrays. Walks read a
 * WalkSnapshot instead: per direction only the entries a walk may cross (and per group its
 * members), built in one pass over the lists by the first walk (or prepareWalks(), after a bulk
 * load) and after a change of the types' flows, and kept current by every relationship change
 * from then on (a bulk load before the first walk pays nothing for it). A walk is a breadth-first
 * search over an Int32Array queue; per node one `visited` byte (the only per-node state a step
 * reads), per queue position the position it was reached from; paths are built only for the
 * listed CIs, counts are exact. Lists are compacted in node order when many have moved (after a
 * bulk load).
 *
 * Downstream, a membership relationship (member -> group) does not carry impact by itself: the
 * first member whose impact arrives counts the group's members (see RedundancyState), each one
 * after it takes one off the group's margin, and the member that takes it below 0 impacts the
 * group one hop deeper.
 *
 * Each CI id and relationship id carries the sequence of the last event applied to it; an event
 * applies only when its sequence is greater (retire and remove leave a tombstone sequence).
 */
export class ImpactIndex {
  // ---- types
  private readonly typeNumbers = new Map<string, number>();
  private typeFlow = new Uint8Array(16);
  private queryFlow = new Uint8Array(16);
  private typeCount = 0;

  // ---- nodes
  private readonly nodeNumbers = new Map<string, number>();
  private readonly nodeIds: string[] = [];
  private readonly nodeCis: (IndexedCi | undefined)[] = [];
  /** The CIs' names (unknown: ''), apart so that ordering reads one array. */
  private readonly nodeNames: string[] = [];
  /** Lists 2n (out: n is the source) and 2n + 1 (in: n is the target). */
  private readonly adjacency = new AdjacencyLists();
  private nodeCount = 0;
  private nodeCapacity = 0;
  private nodeSequence = new Float64Array(0);
  /** 1 = upserted and not retired. */
  private nodeKnown = new Uint8Array(0);
  /** 1 - nodeKnown: a walk's `visited` starts as a copy of it (a CI not known is never stepped on). */
  private nodeBlocked = new Uint8Array(0);
  private nodeAvailable = new Uint8Array(0);
  private nodeService = new Uint8Array(0);
  private knownCis = 0;

  // ---- the walks' copy of the walkable graph (null: none yet, built by the next walk)
  private snapshot: WalkSnapshot | null = null;
  private snapshotBuilds = 0;

  // ---- per-walk scratch
  private generation = 0;
  /**
   * Per node: 0 = not reached, else reached in this walk (AT_DEPTH_LIMIT: at maxDepth) or not
   * known. The one byte a walk reads per entry (dense, so that it stays in cache); a copy of
   * nodeBlocked when a walk starts.
   */
  private visited = new Uint8Array(0);
  /** The nodes reached, in the order reached (so by depth; the origins first). */
  private queue = new Int32Array(0);
  /** Per queue position: the queue position of the node it was reached from (origins: -1). */
  private from = new Int32Array(0);
  /** Redundancy groups during a downstream walk (a group's state in one cache line). */
  private groups = new Int32Array(0);
  /**
   * Per group and considerStatus (2g + 1: true), kept across walks without a type filter: the
   * margin before any impact (members available - required), valid while `baseStamp` holds
   * `baseVersion`. A change of the memberships, a member's state or a group's rule bumps the version.
   */
  private baseMargin = new Int32Array(0);
  private baseStamp = new Int32Array(0);
  private baseVersion = 1;
  private markGeneration = 0;
  private mark = new Int32Array(0);
  private readonly touchedGroups: number[] = [];
  /** Where each depth's run starts in the queue (depth 1 at [0]), then the end. */
  private readonly levels: number[] = [];

  // ---- edges
  private readonly edgeNumbers = new Map<string, number>();
  private readonly edgeRelationships: (IndexedRelationship | undefined)[] = [];
  private edgeCount = 0;
  private edgeCapacity = 0;
  private edgeSource = new Int32Array(0);
  private edgeTarget = new Int32Array(0);
  private edgeType = new Int32Array(0);
  private edgeSequence = new Float64Array(0);
  /** 1 = added and not removed (and so in the adjacency lists). */
  private edgeActive = new Uint8Array(0);
  private activeRelationships = 0;

  constructor(types: readonly ImpactRelationshipType[]) {
    this.setRelationshipTypes(types);
  }

  /**
   * Replaces the set of relationship types the index walks (pass them all: a type not listed is
   * unknown from now on, its relationships stay stored but are not walked).
   */
  setRelationshipTypes(types: readonly ImpactRelationshipType[]): void {
    this.typeFlow.fill(FLOW_NONE);
    for (const type of types) this.typeFlow[this.typeNumber(type.id)] = flowOf(type);
    this.snapshot = null;
  }

  upsertCi(ci: IndexedCi, sequence: number): boolean {
    const n = this.nodeNumber(ci.id);
    if (!(sequence > (this.nodeSequence[n] as number))) return false;
    this.nodeSequence[n] = sequence;
    const available = isAvailable(ci.operationalStatus) ? 1 : 0;
    if (this.nodeKnown[n] === 0 || this.nodeAvailable[n] !== available || !sameRule(this.nodeCis[n]?.redundancy ?? null, ci.redundancy)) this.groupsChanged();
    if (this.nodeKnown[n] === 0) {
      this.nodeKnown[n] = 1;
      this.nodeBlocked[n] = 0;
      this.knownCis++;
    }
    this.nodeCis[n] = ci;
    this.nodeNames[n] = ci.name;
    this.nodeAvailable[n] = available;
    this.nodeService[n] = ci.service ? 1 : 0;
    return true;
  }

  /** A retired CI is neither walked nor listed; its relationships stay (an upsert with a newer sequence reactivates it). */
  retireCi(id: string, sequence: number): boolean {
    const n = this.nodeNumber(id);
    if (!(sequence > (this.nodeSequence[n] as number))) return false;
    this.nodeSequence[n] = sequence;
    if (this.nodeKnown[n] === 1) {
      this.nodeKnown[n] = 0;
      this.nodeBlocked[n] = 1;
      this.knownCis--;
      this.groupsChanged();
    }
    this.nodeCis[n] = undefined;
    this.nodeNames[n] = '';
    return true;
  }

  /** Adds a relationship, or replaces it (endpoints and type may change) when `sequence` is newer. */
  addRelationship(rel: IndexedRelationship, sequence: number): boolean {
    const e = this.edgeNumber(rel.id);
    if (!(sequence > (this.edgeSequence[e] as number))) return false;
    this.edgeSequence[e] = sequence;
    const source = this.nodeNumber(rel.sourceId);
    const target = this.nodeNumber(rel.targetId);
    const type = this.typeNumber(rel.typeId);
    if (this.edgeActive[e] === 1) {
      if (this.edgeSource[e] === source && this.edgeTarget[e] === target) {
        if (this.edgeType[e] !== type) {
          this.adjacency.setType(2 * source, e, type);
          this.adjacency.setType(2 * target + 1, e, type);
          this.snapshot?.unlink(e, source, target, this.typeFlow[this.edgeType[e] as number] as number);
          this.snapshot?.link(e, source, target, type, this.typeFlow[type] as number);
          this.edgeType[e] = type;
          this.groupsChanged();
        }
        this.edgeRelationships[e] = rel;
        return true;
      }
      this.unlink(e);
    } else {
      this.edgeActive[e] = 1;
      this.activeRelationships++;
    }
    this.edgeSource[e] = source;
    this.edgeTarget[e] = target;
    this.edgeType[e] = type;
    this.edgeRelationships[e] = rel;
    this.adjacency.add(2 * source, target, type, e);
    this.adjacency.add(2 * target + 1, source, type, e);
    this.snapshot?.link(e, source, target, type, this.typeFlow[type] as number);
    this.groupsChanged();
    return true;
  }

  removeRelationship(id: string, sequence: number): boolean {
    const e = this.edgeNumber(id);
    if (!(sequence > (this.edgeSequence[e] as number))) return false;
    this.edgeSequence[e] = sequence;
    if (this.edgeActive[e] === 1) {
      this.unlink(e);
      this.groupsChanged();
      this.edgeActive[e] = 0;
      this.activeRelationships--;
      this.edgeRelationships[e] = undefined;
    }
    return true;
  }

  /** The CI, unless unknown or retired. */
  ci(id: string): IndexedCi | undefined {
    const n = this.nodeNumbers.get(id);
    return n === undefined ? undefined : this.nodeCis[n];
  }

  /** Relationships added and not removed with this CI at either end, whatever the state of either end or of the type. */
  relationshipsOf(id: string): readonly IndexedRelationship[] {
    const n = this.nodeNumbers.get(id);
    if (n === undefined) return [];
    const { heads, edges } = this.adjacency;
    const result: IndexedRelationship[] = [];
    for (let k = heads[4 * n] as number, end = k + (heads[4 * n + 1] as number); k < end; k++) result.push(this.edgeRelationships[edges[k] as number] as IndexedRelationship);
    for (let k = heads[4 * n + 2] as number, end = k + (heads[4 * n + 3] as number); k < end; k++) {
      const e = edges[k] as number;
      if (this.edgeSource[e] !== n) result.push(this.edgeRelationships[e] as IndexedRelationship); // a self-loop is listed once
    }
    return result;
  }

  /** Known, not retired CIs and added, not removed relationships. */
  get size(): { cis: number; relationships: number } {
    return { cis: this.knownCis, relationships: this.activeRelationships };
  }

  /**
   * Builds the walk snapshot now if there is none (the next walk would build it): after a bulk
   * load, say, so that the first query does not pay for it.
   */
  prepareWalks(): void {
    this.currentSnapshot();
  }

  /** How many times the walk snapshot was built (the first walk, then after each change of the types' flows). */
  get walkSnapshotBuilds(): number {
    return this.snapshotBuilds;
  }

  impact(query: ImpactQuery): ImpactResult {
    const downstream = query.direction === 'downstream';
    const maxDepth = query.maxDepth >= 0 ? Math.floor(query.maxDepth) : 0;
    const considerStatus = query.considerStatus !== false;
    const limit = query.limit === undefined ? DEFAULT_LIMIT : query.limit >= 0 ? Math.floor(query.limit) : 0;
    const flow = this.prepareFlow(query.relationshipTypes);
    const gen = this.nextGeneration();
    const snapshot = this.currentSnapshot();

    const known = this.nodeKnown;
    const queue = this.queue;
    const visited = this.visited;
    visited.set(this.nodeBlocked.subarray(0, this.nodeCount));
    this.touchedGroups.length = 0;

    const origins: string[] = [];
    const unknownOrigins: string[] = [];
    let tail = 0;
    for (const id of query.from) {
      const n = this.nodeNumbers.get(id);
      if (n === undefined || known[n] === 0) {
        if (!unknownOrigins.includes(id)) unknownOrigins.push(id);
        continue;
      }
      if (visited[n] !== 0) continue;
      visited[n] = 1;
      this.from[tail] = -1;
      queue[tail++] = n;
      origins.push(id);
    }
    const originCount = tail;

    const rows = downstream ? snapshot.downstream : snapshot.upstream;
    const walked = this.breadthFirst(originCount, rows, snapshot.members, query.relationshipTypes !== undefined, considerStatus, maxDepth, flow, gen);
    return this.buildResult(query, origins, unknownOrigins, originCount, walked.tail, limit, walked.depthLimitReached, downstream, considerStatus, flow, snapshot.members);
  }

  /**
   * The walk itself, apart from `impact` so that V8 keeps it optimized: inside the larger function
   * every query deoptimized when it left the loop (code after it had no type feedback yet) and ran
   * in the interpreter until on-stack replacement compiled the loop again.
   */
  private breadthFirst(
    originCount: number,
    rows: AdjacencyLists,
    members: AdjacencyLists,
    filtered: boolean,
    considerStatus: boolean,
    maxDepth: number,
    flow: Uint8Array,
    gen: number,
  ): { tail: number; depthLimitReached: boolean } {
    const known = this.nodeKnown;
    const visited = this.visited;
    const available = this.nodeAvailable;
    const queue = this.queue;
    const from = this.from;
    const groups = this.groups;
    const { heads, pairs } = rows;
    const touchedGroups = this.touchedGroups;
    let tail = originCount;
    // Breadth-first over the direction's rows; the queue ends up ordered by depth (levels: where
    // each depth starts). An entry v >= 0 is a step to v; v < 0 (downstream only) is a membership
    // of u in the group ~v. With a type filter, entries of other types are skipped.
    let head = 0;
    let depthLimitReached = false;
    const levels = this.levels;
    levels.length = 0;
    levels.push(originCount);
    let d = 0;
    let levelEnd = originCount;
    while (head < tail) {
      if (head === levelEnd) {
        // the first node of depth d + 1: all of that depth is queued, the next one starts at tail
        d++;
        levelEnd = tail;
        levels.push(tail);
      }
      const at = head;
      const u = queue[head++] as number;
      if (d >= maxDepth) {
        visited[u] = AT_DEPTH_LIMIT;
        if (!depthLimitReached && this.hasUnwalkedEdge(u, rows, filtered, flow)) depthLimitReached = true;
        continue;
      }
      for (let k = heads[2 * u] as number, end = k + (heads[2 * u + 1] as number); k < end; k++) {
        if (filtered && flow[pairs[2 * k + 1] as number] === FLOW_NONE) continue;
        const v = pairs[2 * k] as number;
        if (v >= 0) {
          if (visited[v] === 0) {
            visited[v] = 1;
            from[tail] = at;
            queue[tail++] = v;
          }
          continue;
        }
        const g = ~v;
        if (known[g] === 0) continue;
        const state = g * GROUP_STRIDE;
        if (groups[state] !== gen) {
          this.initGroup(g, members, filtered, gen, flow, considerStatus);
          touchedGroups.push(g);
        } else if (groups[state + 1] === u) {
          continue; // a member counts once per group, however many membership relationships join them
        }
        groups[state + 1] = u;
        let margin = groups[state + 2] as number;
        if (!considerStatus || available[u] === 1) groups[state + 2] = --margin;
        if (margin < 0 && visited[g] === 0) {
          visited[g] = 1;
          from[tail] = at;
          queue[tail++] = g;
        }
      }
    }

    if (levels[levels.length - 1] !== tail) levels.push(tail);
    return { tail, depthLimitReached };
  }

  // ------------------------------------------------------------------ walk helpers

  /** Whether u (at maxDepth) has a walkable edge (a step, or downstream a membership) to a known CI not reached. */
  private hasUnwalkedEdge(u: number, rows: AdjacencyLists, filtered: boolean, flow: Uint8Array): boolean {
    const { heads, pairs } = rows;
    for (let k = heads[2 * u] as number, end = k + (heads[2 * u + 1] as number); k < end; k++) {
      if (filtered && flow[pairs[2 * k + 1] as number] === FLOW_NONE) continue;
      const t = pairs[2 * k] as number;
      const v = t >= 0 ? t : ~t;
      if (this.visited[v] === 0) return true;
    }
    return false;
  }

  /**
   * Counts a group's members (and those down by status) the first time a member reaches it in a
   * walk, and stores its margin: available members - required. Each member whose impact arrives
   * takes one off (unless already down by status); the group is impacted when the margin is < 0.
   */
  private initGroup(g: number, rows: AdjacencyLists, filtered: boolean, gen: number, flow: Uint8Array, considerStatus: boolean): void {
    const at = g * GROUP_STRIDE;
    this.groups[at] = gen;
    this.groups[at + 1] = -1;
    const base = 2 * g + (considerStatus ? 1 : 0);
    if (!filtered && this.baseStamp[base] === this.baseVersion) {
      this.groups[at + 2] = this.baseMargin[base] as number;
      return;
    }
    const markGen = this.nextMarkGeneration();
    const { heads, pairs } = rows;
    let members = 0;
    let down = 0;
    for (let k = heads[2 * g] as number, end = k + (heads[2 * g + 1] as number); k < end; k++) {
      if (flow[pairs[2 * k + 1] as number] !== FLOW_MEMBERSHIP) continue;
      const m = pairs[2 * k] as number;
      if (this.nodeKnown[m] === 0 || this.mark[m] === markGen) continue;
      this.mark[m] = markGen;
      members++;
      if (considerStatus && this.nodeAvailable[m] === 0) down++;
    }
    const required = Math.min(requiredMembers((this.nodeCis[g] as IndexedCi).redundancy, members), 0x3fff_ffff);
    this.groups[at + 2] = members - down - required;
    if (!filtered) {
      this.baseMargin[base] = members - down - required;
      this.baseStamp[base] = this.baseVersion;
    }
  }

  /** The groups' base margins are to be counted again (see baseMargin). */
  private groupsChanged(): void {
    if (this.baseVersion >= MAX_GENERATION) {
      this.baseStamp.fill(0);
      this.baseVersion = 0;
    }
    this.baseVersion++;
  }

  /** A group's state after the walk (null when it has no members). */
  private groupState(g: number, rows: AdjacencyLists, downstream: boolean, flow: Uint8Array, considerStatus: boolean): RedundancyState | null {
    const { heads, pairs } = rows;
    if (heads[2 * g + 1] === 0) return null;
    const markGen = this.nextMarkGeneration();
    let members = 0;
    const unavailableMembers: string[] = [];
    for (let k = heads[2 * g] as number, end = k + (heads[2 * g + 1] as number); k < end; k++) {
      if (flow[pairs[2 * k + 1] as number] !== FLOW_MEMBERSHIP) continue;
      const m = pairs[2 * k] as number;
      if (this.nodeKnown[m] === 0 || this.mark[m] === markGen) continue;
      this.mark[m] = markGen;
      members++;
      const down = considerStatus && this.nodeAvailable[m] === 0;
      // m is known: visited 1 = reached before maxDepth
      const impacted = downstream && this.visited[m] === 1;
      if (down || impacted) unavailableMembers.push(this.nodeIds[m] as string);
    }
    if (members === 0) return null;
    if (unavailableMembers.length > 1) unavailableMembers.sort(compareStrings);
    return {
      members,
      unavailable: unavailableMembers.length,
      required: requiredMembers((this.nodeCis[g] as IndexedCi).redundancy, members),
      unavailableMembers,
    };
  }

  private buildResult(
    query: ImpactQuery,
    origins: string[],
    unknownOrigins: string[],
    start: number,
    end: number,
    limit: number,
    depthLimitReached: boolean,
    downstream: boolean,
    considerStatus: boolean,
    flow: Uint8Array,
    members: AdjacencyLists,
  ): ImpactResult {
    const queue = this.queue;
    let totalServices = 0;
    for (let i = start; i < end; i++) totalServices += this.nodeService[queue[i] as number] as number;

    // The queue is ordered by depth (level l holds depth l + 1): take whole levels while they fit,
    // then the first of the cut level. Listed CIs are queue positions.
    const compare = (a: number, b: number): number => this.compareNodes(queue[a] as number, queue[b] as number);
    const impacted: ImpactedCi[] = [];
    const services: ImpactedCi[] = [];
    const steps = new Map<number, PathStep>();
    let remaining = limit;
    for (let l = 0; l + 1 < this.levels.length && remaining > 0; l++) {
      const i = this.levels[l] as number;
      const j = this.levels[l + 1] as number;
      const level = j - i <= remaining ? range(i, j) : smallest(queue, i, j, remaining, this.nodeNames, this.nodeIds);
      level.sort(compare);
      remaining -= level.length;
      for (const at of level) {
        const n = queue[at] as number;
        const ci = this.nodeCis[n] as IndexedCi;
        const item: ImpactedCi = {
          id: ci.id,
          classId: ci.classId,
          name: ci.name,
          depth: l + 1,
          service: ci.service,
          path: this.pathTo(at, l + 1, downstream, flow, steps),
          redundancy: this.groupState(n, members, downstream, flow, considerStatus),
        };
        impacted.push(item);
        if (ci.service) services.push(item);
      }
    }

    const redundancyHeld: RedundancyHeld[] = [];
    if (downstream) {
      const held = this.touchedGroups.filter((g) => this.visited[g] === 0).sort((a, b) => this.compareNodes(a, b));
      for (const g of held) {
        const redundancy = this.groupState(g, members, true, flow, considerStatus);
        const ci = this.nodeCis[g] as IndexedCi;
        if (redundancy !== null) redundancyHeld.push({ id: ci.id, name: ci.name, redundancy });
      }
    }

    const totalImpacted = end - start;
    return {
      direction: query.direction,
      origins,
      unknownOrigins,
      impacted,
      services,
      totalImpacted,
      totalServices,
      truncated: totalImpacted > impacted.length,
      depthLimitReached,
      redundancyHeld,
    };
  }

  /**
   * The hops from an origin to the node at queue position `at` (reached at `depth`), following the
   * positions it was reached from (see PathStep). Each hop's relationship is the first one from
   * the parent to the child the walk could have crossed (the same test as in the walk); when
   * several join them, any of them is a true reading. The listed CIs share their ancestors' steps:
   * `into` keeps the step arriving at each queue position (one answer's).
   */
  private pathTo(at: number, depth: number, downstream: boolean, flow: Uint8Array, into: Map<number, PathStep>): PathStep[] {
    const { heads, pairs, edges } = this.adjacency;
    const steps = new Array<PathStep>(depth);
    let c = at;
    for (let i = depth - 1; i >= 0; i--) {
      const parent = this.from[c] as number;
      const known = into.get(c);
      if (known !== undefined) {
        steps[i] = known;
        c = parent;
        continue;
      }
      const p = this.queue[parent] as number;
      const v = this.queue[c] as number;
      let e = -1;
      for (let side = 0; side < 2 && e < 0; side++) {
        // side 0: p's out entries (p is the source), side 1: its in entries; as in hasUnwalkedEdge
        const plain = (side === 0) === downstream ? FLOW_FORWARD : FLOW_BACKWARD;
        const membership = (side === 0) === downstream;
        for (let k = heads[4 * p + 2 * side] as number, end = k + (heads[4 * p + 2 * side + 1] as number); k < end; k++) {
          const f = flow[pairs[2 * k + 1] as number];
          if (pairs[2 * k] === v && (f === plain || (membership && f === FLOW_MEMBERSHIP))) {
            e = edges[k] as number;
            break;
          }
        }
      }
      const rel = this.edgeRelationships[e] as IndexedRelationship;
      const step: PathStep = { ciId: this.nodeIds[p] as string, relationshipId: rel.id, typeId: rel.typeId, reading: this.edgeSource[e] === p ? 'forward' : 'inverse' };
      into.set(c, step);
      steps[i] = step;
      c = parent;
    }
    return steps;
  }

  /** The walk snapshot, built first if there is none (none yet, or the types' flows changed). */
  private currentSnapshot(): WalkSnapshot {
    let snapshot = this.snapshot;
    if (snapshot === null) {
      this.adjacency.compactIfScattered();
      snapshot = WalkSnapshot.build(this.adjacency, this.nodeCount, this.typeFlow);
      this.snapshot = snapshot;
      this.groupsChanged();
      this.snapshotBuilds++;
    } else snapshot.compactIfScattered();
    return snapshot;
  }

  /** Name, then id, ordinal. */
  private compareNodes(a: number, b: number): number {
    return compareStrings(this.nodeNames[a] as string, this.nodeNames[b] as string) || compareStrings(this.nodeIds[a] as string, this.nodeIds[b] as string);
  }

  /** The walkable flow of each type number for this query (the filter applied), in a reused array. */
  private prepareFlow(filter: readonly string[] | undefined): Uint8Array {
    if (this.queryFlow.length < this.typeFlow.length) this.queryFlow = new Uint8Array(this.typeFlow.length);
    const flow = this.queryFlow;
    if (filter === undefined) {
      flow.set(this.typeFlow);
      return flow;
    }
    flow.fill(FLOW_NONE);
    for (const id of filter) {
      const t = this.typeNumbers.get(id);
      if (t !== undefined) flow[t] = this.typeFlow[t] as number;
    }
    return flow;
  }

  private nextGeneration(): number {
    if (this.generation >= MAX_GENERATION) {
      this.groups.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private nextMarkGeneration(): number {
    if (this.markGeneration >= MAX_GENERATION) {
      this.mark.fill(0);
      this.markGeneration = 0;
    }
    return ++this.markGeneration;
  }

  // ------------------------------------------------------------------ storage

  private typeNumber(id: string): number {
    let t = this.typeNumbers.get(id);
    if (t === undefined) {
      t = this.typeCount++;
      this.typeNumbers.set(id, t);
      if (t >= this.typeFlow.length) this.typeFlow = grown(this.typeFlow, this.typeFlow.length * 2);
    }
    return t;
  }

  private nodeNumber(id: string): number {
    let n = this.nodeNumbers.get(id);
    if (n !== undefined) return n;
    n = this.nodeCount++;
    if (n >= this.nodeCapacity) this.growNodes(Math.max(1024, this.nodeCapacity * 2));
    this.nodeNumbers.set(id, n);
    this.nodeIds.push(id);
    this.nodeCis.push(undefined);
    this.nodeNames.push('');
    this.adjacency.ensureLists(2 * this.nodeCount);
    this.snapshot?.ensureNodes(this.nodeCount);
    return n;
  }

  private growNodes(capacity: number): void {
    const old = this.nodeCapacity;
    this.nodeSequence = grown(this.nodeSequence, capacity);
    this.nodeSequence.fill(-Infinity, old);
    this.nodeKnown = grown(this.nodeKnown, capacity);
    this.nodeBlocked = grown(this.nodeBlocked, capacity);
    this.nodeBlocked.fill(1, old);
    this.visited = new Uint8Array(capacity);
    this.nodeAvailable = grown(this.nodeAvailable, capacity);
    this.nodeService = grown(this.nodeService, capacity);
    this.queue = new Int32Array(capacity);
    this.from = new Int32Array(capacity);
    this.groups = grown(this.groups, capacity * GROUP_STRIDE);
    this.baseMargin = grown(this.baseMargin, capacity * 2);
    this.baseStamp = grown(this.baseStamp, capacity * 2);
    this.mark = grown(this.mark, capacity);
    this.nodeCapacity = capacity;
  }

  private edgeNumber(id: string): number {
    let e = this.edgeNumbers.get(id);
    if (e !== undefined) return e;
    e = this.edgeCount++;
    if (e >= this.edgeCapacity) {
      const old = this.edgeCapacity;
      const capacity = Math.max(1024, old * 2);
      this.edgeSource = grown(this.edgeSource, capacity);
      this.edgeTarget = grown(this.edgeTarget, capacity);
      this.edgeType = grown(this.edgeType, capacity);
      this.edgeActive = grown(this.edgeActive, capacity);
      this.edgeSequence = grown(this.edgeSequence, capacity);
      this.edgeSequence.fill(-Infinity, old);
      this.edgeCapacity = capacity;
    }
    this.edgeNumbers.set(id, e);
    this.edgeRelationships.push(undefined);
    return e;
  }

  private unlink(e: number): void {
    const source = this.edgeSource[e] as number;
    const target = this.edgeTarget[e] as number;
    this.adjacency.remove(2 * source, e);
    this.adjacency.remove(2 * target + 1, e);
    this.snapshot?.unlink(e, source, target, this.typeFlow[this.edgeType[e] as number] as number);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameRule(a: RedundancyRule | null, b: RedundancyRule | null): boolean {
  return a === b || (a !== null && b !== null && a.minAvailable === b.minAvailable && a.minAvailablePercent === b.minAvailablePercent);
}

/** [from, to) as a list. */
function range(from: number, to: number): number[] {
  const list = new Array<number>(to - from);
  for (let i = from; i < to; i++) list[i - from] = i;
  return list;
}

/**
 * The queue positions in [from, to) of the k smallest nodes by name then id (unordered), through
 * a bounded max-heap. Most candidates of a big level lose to the heap's top in one string comparison.
 */
function smallest(queue: Int32Array, from: number, to: number, k: number, names: readonly string[], ids: readonly string[]): number[] {
  const after = (a: number, b: number): boolean => {
    const x = names[queue[a] as number] as string;
    const y = names[queue[b] as number] as string;
    return x > y || (x === y && (ids[queue[a] as number] as string) > (ids[queue[b] as number] as string));
  };
  const heap: number[] = [];
  let i = from;
  for (; i < to && heap.length < k; i++) {
    heap.push(i);
    for (let c = heap.length - 1; c > 0; ) {
      const p = (c - 1) >> 1;
      if (!after(heap[c] as number, heap[p] as number)) break;
      swap(heap, c, p);
      c = p;
    }
  }
  if (k === 0) return heap;
  let top = queue[heap[0] as number] as number;
  let topName = names[top] as string;
  for (; i < to; i++) {
    const n = queue[i] as number;
    const name = names[n] as string;
    if (name > topName || (name === topName && (ids[n] as string) > (ids[top] as string))) continue;
    heap[0] = i;
    for (let p = 0; ; ) {
      const l = 2 * p + 1;
      const r = l + 1;
      let big = p;
      if (l < k && after(heap[l] as number, heap[big] as number)) big = l;
      if (r < k && after(heap[r] as number, heap[big] as number)) big = r;
      if (big === p) break;
      swap(heap, p, big);
      p = big;
    }
    top = queue[heap[0] as number] as number;
    topName = names[top] as string;
  }
  return heap;
}

function swap(list: number[], a: number, b: number): void {
  const t = list[a] as number;
  list[a] = list[b] as number;
  list[b] = t;
}
