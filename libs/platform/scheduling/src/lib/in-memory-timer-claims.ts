import type { TimerClaim, TimerClaimStore } from './timer-claims';
import { claimKey } from './timer-claims';

/**
 * Claims and checkpoints in one process's memory: exactly once among the wheels that share the
 * instance (specs' "replicas", a single-process deployment), not across processes or restarts of it.
 */
export class InMemoryTimerClaimStore implements TimerClaimStore {
  readonly rows = new Map<string, TimerClaim>();
  readonly checkpoints = new Map<number, Date>();
  readonly epochs = new Map<number, number>();

  claim(claims: readonly TimerClaim[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const c of claims) {
      const key = claimKey(c.timerKey, c.key);
      if (this.rows.has(key)) continue;
      this.rows.set(key, c);
      inserted.add(key);
    }
    return Promise.resolve(inserted);
  }

  claimedKeys(partitions: readonly number[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (const c of this.rows.values()) {
      if (!partitions.includes(c.partition)) continue;
      const keys = out.get(c.timerKey) ?? new Set<string>();
      out.set(c.timerKey, keys.add(c.key));
    }
    return Promise.resolve(out);
  }

  claimedKeysOf(timerKey: string): Promise<Set<string>> {
    return Promise.resolve(new Set([...this.rows.values()].filter((c) => c.timerKey === timerKey).map((c) => c.key)));
  }

  claimedSince(partition: number, since: Date): Promise<TimerClaim[]> {
    const rows = [...this.rows.values()].filter((c) => c.partition === partition && c.claimedAt.getTime() > since.getTime());
    return Promise.resolve(rows.sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime()));
  }

  publishedThrough(partition: number): Promise<Date> {
    return Promise.resolve(this.checkpoints.get(partition) ?? new Date(0));
  }

  setPublishedThrough(partition: number, at: Date): Promise<void> {
    const current = this.checkpoints.get(partition)?.getTime() ?? 0;
    this.checkpoints.set(partition, new Date(Math.max(current, at.getTime())));
    return Promise.resolve();
  }

  takeOver(partition: number): Promise<number> {
    const epoch = (this.epochs.get(partition) ?? 0) + 1;
    this.epochs.set(partition, epoch);
    return Promise.resolve(epoch);
  }

  ownershipEpoch(partition: number): Promise<number> {
    return Promise.resolve(this.epochs.get(partition) ?? 0);
  }
}
