import type { AdjacencyLists } from './adjacency';

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
 * One direction's walkable entries in compressed sparse rows: node u's entries are
 * `[offsets[u], offsets[u + 1])`; entry k leads to `targets[k]` over an edge of type `types[k]`.
 * Downstream, an entry to a redundancy group (a membership the member crosses) is stored as the
 * group's number complemented (`~g`, negative), so that the walk tells plain steps from group
 * counts without reading the type; upstream every entry is a plain step.
 *
 * Nodes numbered after the build (up to the capacity it was built for) have no entries.
 */
export interface WalkRows {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly types: Int32Array;
}

/**
 * A compact, read-only copy of the walkable part of the graph, built from the adjacency lists and
 * the types' flows: per direction the entries a walk can cross (entries of types whose flow is
 * NONE are left out), in the order of the adjacency lists (a node's out list, then its in list),
 * so that a walk over it reaches CIs in the same order as a walk over the lists would; plus, per
 * redundancy group, its membership entries (the members, read when a group is counted).
 *
 * The node states (known, available) are not part of it: the walk reads them where they live,
 * so a CI's upsert or retirement leaves the snapshot valid. A relationship added, moved, retyped
 * or removed, or a change of the types' flows, makes it stale (the owner rebuilds it lazily).
 */
export class WalkSnapshot {
  private constructor(
    readonly downstream: WalkRows,
    readonly upstream: WalkRows,
    readonly members: WalkRows,
    /** Nodes 0..capacity-1 have rows (empty past the nodes that existed at the build). */
    readonly capacity: number,
  ) {}

  /**
   * Two passes over the lists of nodes 0..nodeCount-1 (count, then fill); list 2n holds n's out
   * entries (n is the source), 2n + 1 its in entries. `typeFlow[t]` is the flow of type number t.
   */
  static build(adjacency: AdjacencyLists, nodeCount: number, capacity: number, typeFlow: Uint8Array): WalkSnapshot {
    const { heads, pairs } = adjacency;
    const down = new Int32Array(capacity + 1);
    const up = new Int32Array(capacity + 1);
    const mem = new Int32Array(capacity + 1);
    let nd = 0;
    let nu = 0;
    let nm = 0;
    for (let n = 0; n < nodeCount; n++) {
      down[n] = nd;
      up[n] = nu;
      mem[n] = nm;
      for (let k = heads[4 * n] as number, end = k + (heads[4 * n + 1] as number); k < end; k++) {
        const f = typeFlow[pairs[2 * k + 1] as number];
        if (f === FLOW_FORWARD || f === FLOW_MEMBERSHIP) nd++;
        else if (f === FLOW_BACKWARD) nu++;
      }
      for (let k = heads[4 * n + 2] as number, end = k + (heads[4 * n + 3] as number); k < end; k++) {
        const f = typeFlow[pairs[2 * k + 1] as number];
        if (f === FLOW_BACKWARD) nd++;
        else if (f === FLOW_FORWARD) nu++;
        else if (f === FLOW_MEMBERSHIP) {
          nu++;
          nm++;
        }
      }
    }
    down.fill(nd, nodeCount);
    up.fill(nu, nodeCount);
    mem.fill(nm, nodeCount);
    const downstream = { offsets: down, targets: new Int32Array(nd), types: new Int32Array(nd) };
    const upstream = { offsets: up, targets: new Int32Array(nu), types: new Int32Array(nu) };
    const members = { offsets: mem, targets: new Int32Array(nm), types: new Int32Array(nm) };
    nd = 0;
    nu = 0;
    nm = 0;
    for (let n = 0; n < nodeCount; n++) {
      for (let k = heads[4 * n] as number, end = k + (heads[4 * n + 1] as number); k < end; k++) {
        const t = pairs[2 * k + 1] as number;
        const f = typeFlow[t];
        const other = pairs[2 * k] as number;
        if (f === FLOW_FORWARD || f === FLOW_MEMBERSHIP) {
          downstream.targets[nd] = f === FLOW_MEMBERSHIP ? ~other : other;
          downstream.types[nd++] = t;
        } else if (f === FLOW_BACKWARD) {
          upstream.targets[nu] = other;
          upstream.types[nu++] = t;
        }
      }
      for (let k = heads[4 * n + 2] as number, end = k + (heads[4 * n + 3] as number); k < end; k++) {
        const t = pairs[2 * k + 1] as number;
        const f = typeFlow[t];
        const other = pairs[2 * k] as number;
        if (f === FLOW_BACKWARD) {
          downstream.targets[nd] = other;
          downstream.types[nd++] = t;
        } else if (f === FLOW_FORWARD || f === FLOW_MEMBERSHIP) {
          upstream.targets[nu] = other;
          upstream.types[nu++] = t;
          if (f === FLOW_MEMBERSHIP) {
            members.targets[nm] = other;
            members.types[nm++] = t;
          }
        }
      }
    }
    return new WalkSnapshot(downstream, upstream, members, capacity);
  }

  /** Entries held (each direction, then the memberships). */
  get entries(): { downstream: number; upstream: number; members: number } {
    return { downstream: this.downstream.targets.length, upstream: this.upstream.targets.length, members: this.members.targets.length };
  }
}
