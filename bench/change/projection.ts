import { ConfigurationItems } from '@itsm/change';
import type { CiNeighbours, CiView } from '@itsm/change';
import type { Topology } from '@itsm/bench-cmdb';

/**
 * The change context's CMDB projection over the generated topology, in memory: CSR adjacency both
 * ways (parents: sources of relationships targeting a CI; children: their targets). Stands in for
 * the projections lane's store, whose reads are by `_id`: what is measured here is the conflict
 * query, not MongoDB.
 */
export class TopologyProjection extends ConfigurationItems {
  private readonly index = new Map<string, number>();
  private readonly parentOffsets: Int32Array;
  private readonly parentIds: Int32Array;
  private readonly childOffsets: Int32Array;
  private readonly childIds: Int32Array;

  constructor(private readonly topology: Topology) {
    super();
    topology.cis.forEach((ci, n) => this.index.set(ci.id, n));
    const { source, target, count } = topology.relationships;
    [this.childOffsets, this.childIds] = csr(topology.cis.length, count, source, target);
    [this.parentOffsets, this.parentIds] = csr(topology.cis.length, count, target, source);
  }

  find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    const out = new Map<string, CiView>();
    for (const id of ids) {
      const n = this.index.get(id);
      const ci = n === undefined ? undefined : this.topology.cis[n];
      if (ci === undefined) continue;
      const name = ci.attributes['name'];
      out.set(id, { id, name: typeof name === 'string' ? name : id, classId: ci.classId, service: ci.classId.endsWith('service') || ci.classId === 'service_offering', retired: false, attributes: {} });
    }
    return Promise.resolve(out);
  }

  neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const out = new Map<string, CiNeighbours>();
    for (const id of ids) {
      const n = this.index.get(id);
      if (n === undefined) continue;
      out.set(id, { parents: this.list(this.parentOffsets, this.parentIds, n), children: this.list(this.childOffsets, this.childIds, n) });
    }
    return Promise.resolve(out);
  }

  /** The neighbours among `others` only, by one pass over each asked CI's adjacency (no id strings made for the rest). */
  override linksAmong(ids: readonly string[], others: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const near = new Set<number>();
    for (const id of others) {
      const n = this.index.get(id);
      if (n !== undefined) near.add(n);
    }
    const out = new Map<string, CiNeighbours>();
    for (const id of ids) {
      const n = this.index.get(id);
      out.set(id, n === undefined || near.size === 0 ? { parents: [], children: [] } : { parents: this.among(this.parentOffsets, this.parentIds, n, near), children: this.among(this.childOffsets, this.childIds, n, near) });
    }
    return Promise.resolve(out);
  }

  private among(offsets: Int32Array, ids: Int32Array, n: number, near: ReadonlySet<number>): string[] {
    const out: string[] = [];
    for (let k = offsets[n] as number; k < (offsets[n + 1] as number); k += 1) if (near.has(ids[k] as number)) out.push((this.topology.cis[ids[k] as number] as { id: string }).id);
    return out;
  }

  private list(offsets: Int32Array, ids: Int32Array, n: number): string[] {
    const out: string[] = [];
    for (let k = offsets[n] as number; k < (offsets[n + 1] as number); k += 1) out.push((this.topology.cis[ids[k] as number] as { id: string }).id);
    return out;
  }
}

function csr(nodes: number, count: number, from: Int32Array, to: Int32Array): [Int32Array, Int32Array] {
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < count; i += 1) (offsets[(from[i] as number) + 1] as number)++;
  for (let n = 0; n < nodes; n += 1) offsets[n + 1] = (offsets[n + 1] as number) + (offsets[n] as number);
  const fill = offsets.slice(0, nodes);
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i += 1) ids[(fill[from[i] as number] as number)++] = to[i] as number;
  return [offsets, ids];
}
