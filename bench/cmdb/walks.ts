/**
 * Timed walks shared by bench:cmdb and bench:cmdb:large: the bare CSR floor, and the first query
 * after a change (the walk snapshot follows each change: no rebuild is expected).
 */
import type { ImpactIndex, ImpactQuery, IndexedRelationship } from '@itsm/cmdb';
import { bareReach } from './baselines';
import type { BareCsr } from './baselines';
import { latency } from './measure';
import type { Latency } from './measure';

/** The bare CSR walk (baselines.ts) from these CI numbers, `queries` times after `warmup`. */
export function runBare(csr: BareCsr, origins: readonly number[], maxDepth: number, queries: number, warmup: number): { latency: Latency; reachedAvg: number } {
  for (let i = 0; i < warmup; i += 1) bareReach(csr, origins[i % origins.length] as number, maxDepth);
  const samples: number[] = [];
  let reached = 0;
  for (let i = 0; i < queries; i += 1) {
    const t = performance.now();
    reached += bareReach(csr, origins[i % origins.length] as number, maxDepth);
    samples.push(performance.now() - t);
  }
  return { latency: latency(samples), reachedAvg: Math.round(reached / Math.max(1, queries)) };
}

export interface AfterChange {
  /** The queries right after a change. */
  readonly latency: Latency;
  /** Walk snapshot builds they caused (none is expected). */
  readonly builds: number;
  /** Changes the index refused (none is expected). */
  readonly refused: number;
}

/**
 * Each relationship (loaded at sequence 1) is removed (sequence 2) and added back (sequence 3),
 * and the query after each change is timed: the index ends as it was, up to the order of entries.
 */
export function runAfterChange(index: ImpactIndex, query: ImpactQuery, relationships: readonly IndexedRelationship[]): AfterChange {
  const samples: number[] = [];
  const builds = index.walkSnapshotBuilds;
  let refused = 0;
  const timed = (): void => {
    const t = performance.now();
    index.impact(query);
    samples.push(performance.now() - t);
  };
  for (const r of relationships) {
    if (!index.removeRelationship(r.id, 2)) refused += 1;
    timed();
    if (!index.addRelationship(r, 3)) refused += 1;
    timed();
  }
  return { latency: latency(samples), builds: index.walkSnapshotBuilds - builds, refused };
}
