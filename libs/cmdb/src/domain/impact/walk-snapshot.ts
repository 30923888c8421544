import { AdjacencyLists } from './adjacency';

/**
 * How impact crosses an edge of a type (downstream; upstream reads the same edges backwards):
 * - NONE: never (propagation `none`, or a type the index does not know, or filtered out);
 * - FORWARD: source -> target (`source_to_target`);
 * - BACKWARD: target -> source (`target_to_source`);
 * - MEMBERSHIP: source (member) -> target (group), gated by the group's redundancy rule. A type
 *   with `membership: true` and a propagation other than `none` is always read this way (the
 *   target is the group, as RelationshipType documents).
 */
export const FLOW_NONE = 0;
export const FLOW_FORWARD = 1;
export const FLOW_BACKWARD = 2;
export const FLOW_MEMBERSHIP = 3;

/**
 * The walks' copy of the walkable graph, one set of lists per direction (list u: the entries a
 * walk can cross from node u; `pairs[2k]` the node it leads to, `pairs[2k + 1]` the edge's type
 * number, for filters), plus per redundancy group its membership entries (the members, read when
 * a group is counted). Downstream, an entry to a group (a membership the member crosses) holds
 * the group's number complemented (`~g`, negative), so that the walk tells plain steps from group
 * counts without reading the type; upstream every entry is a plain step. Entries of types whose
 * flow is NONE are left out, so a walk reads only what it may cross.
 *
 * Built in one pass over the index's adjacency lists (compressed sparse rows, node order: a
 * node's out entries, then its in entries), then kept current by link / unlink on every
 * relationship change (a row that fills moves with room to grow, see AdjacencyLists); a change of
 * the types' flows needs a new build. Node states (known, available) are not part of it: the walk
 * reads them where they live.
 */
export class WalkSnapshot {
  private constructor(
    readonly downstream: AdjacencyLists,
    readonly upstream: AdjacencyLists,
    readonly members: AdjacencyLists,
  ) {}

  /**
   * Two passes over the lists of nodes 0..nodeCount-1 (count, then fill); list 2n of `adjacency`
   * holds n's out entries (n is the source), 2n + 1 its in entries. `typeFlow[t]` is the flow of
   * type number t.
   */
  static build(adjacency: AdjacencyLists, nodeCount: number, typeFlow: Uint8Array): WalkSnapshot {
    const { heads, pairs, edges } = adjacency;
    const rows = [new Rows(nodeCount), new Rows(nodeCount), new Rows(nodeCount)] as const;
    const [down, up, mem] = rows;
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1) for (const r of rows) r.allocate();
      for (let n = 0; n < nodeCount; n++) {
        for (let k = heads[4 * n] as number, end = k + (heads[4 * n + 1] as number); k < end; k++) {
          const t = pairs[2 * k + 1] as number;
          const f = typeFlow[t];
          if (f === FLOW_FORWARD || f === FLOW_MEMBERSHIP) down.put(pass, n, f === FLOW_MEMBERSHIP ? ~(pairs[2 * k] as number) : (pairs[2 * k] as number), t, edges[k] as number);
          else if (f === FLOW_BACKWARD) up.put(pass, n, pairs[2 * k] as number, t, edges[k] as number);
        }
        for (let k = heads[4 * n + 2] as number, end = k + (heads[4 * n + 3] as number); k < end; k++) {
          const t = pairs[2 * k + 1] as number;
          const f = typeFlow[t];
          if (f === FLOW_BACKWARD) down.put(pass, n, pairs[2 * k] as number, t, edges[k] as number);
          else if (f === FLOW_FORWARD || f === FLOW_MEMBERSHIP) {
            up.put(pass, n, pairs[2 * k] as number, t, edges[k] as number);
            if (f === FLOW_MEMBERSHIP) mem.put(pass, n, pairs[2 * k] as number, t, edges[k] as number);
          }
        }
      }
    }
    return new WalkSnapshot(down.lists(), up.lists(), mem.lists());
  }

  /** Makes the lists of nodes 0..count-1 exist. */
  ensureNodes(count: number): void {
    this.downstream.ensureLists(count);
    this.upstream.ensureLists(count);
    this.members.ensureLists(count);
  }

  /** Adds the entries of edge e (source -> target, type number `type` of flow `flow`). */
  link(e: number, source: number, target: number, type: number, flow: number): void {
    switch (flow) {
      case FLOW_FORWARD:
        this.downstream.add(source, target, type, e);
        this.upstream.add(target, source, type, e);
        return;
      case FLOW_BACKWARD:
        this.downstream.add(target, source, type, e);
        this.upstream.add(source, target, type, e);
        return;
      case FLOW_MEMBERSHIP:
        this.downstream.add(source, ~target, type, e);
        this.upstream.add(target, source, type, e);
        this.members.add(target, source, type, e);
        return;
    }
  }

  /** Removes the entries link added for edge e (given the same ends and flow). */
  unlink(e: number, source: number, target: number, flow: number): void {
    switch (flow) {
      case FLOW_FORWARD:
        this.downstream.remove(source, e);
        this.upstream.remove(target, e);
        return;
      case FLOW_BACKWARD:
        this.downstream.remove(target, e);
        this.upstream.remove(source, e);
        return;
      case FLOW_MEMBERSHIP:
        this.downstream.remove(source, e);
        this.upstream.remove(target, e);
        this.members.remove(target, e);
        return;
    }
  }

  /** Rewrites lists in node order when many have moved (see AdjacencyLists.compactIfScattered). */
  compactIfScattered(): void {
    this.downstream.compactIfScattered();
    this.upstream.compactIfScattered();
    this.members.compactIfScattered();
  }
}

/** One set of lists while it is built: entries counted per node (pass 0), then placed (pass 1). */
class Rows {
  private readonly offsets: Int32Array;
  private fill = new Int32Array(0);
  private pairs = new Int32Array(0);
  private edges = new Int32Array(0);

  constructor(private readonly nodes: number) {
    this.offsets = new Int32Array(nodes + 1);
  }

  put(pass: number, n: number, other: number, type: number, edge: number): void {
    if (pass === 0) {
      this.offsets[n + 1] = (this.offsets[n + 1] as number) + 1;
      return;
    }
    const k = this.fill[n] as number;
    this.fill[n] = k + 1;
    this.pairs[2 * k] = other;
    this.pairs[2 * k + 1] = type;
    this.edges[k] = edge;
  }

  /** After counting: offsets summed, arrays sized with an eighth of room to grow. */
  allocate(): void {
    for (let n = 0; n < this.nodes; n++) this.offsets[n + 1] = (this.offsets[n + 1] as number) + (this.offsets[n] as number);
    this.fill = this.offsets.slice(0, this.nodes);
    const total = this.offsets[this.nodes] as number;
    const room = total + (total >> 3) + 16;
    this.pairs = new Int32Array(2 * room);
    this.edges = new Int32Array(room);
  }

  lists(): AdjacencyLists {
    return AdjacencyLists.fromRows(this.nodes, this.offsets, this.pairs, this.edges);
  }
}
