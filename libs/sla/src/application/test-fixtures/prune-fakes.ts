/** Spec-only in-memory fakes of what pruning reads and writes (the repositories' filters). */
import type { ClosedTicketRef } from '../../persistence';
import { ticketKey } from '../../persistence';
import type { PruneStores } from '../timers/prune-settled-firings';

interface Row {
  readonly ticketId: string;
  readonly partition: number;
  open: boolean;
  settled: boolean;
}

/** The two collections in memory, filtered as the repositories' queries filter. */
export class MemoryPruneStores implements PruneStores {
  readonly rows: Row[] = [];
  readonly claims: { ticketKey: string; key: string; partition: number; claimedAt: number }[] = [];
  readonly checkpoints = new Map<number, number>();

  readonly tickets: PruneStores['tickets'] = {
    closedUnsettled: (partition: number) => this.closedUnsettled(partition),
    markSettled: (tickets: readonly ClosedTicketRef[]) => {
      let n = 0;
      for (const row of this.rows) {
        if (!row.open && !row.settled && tickets.some((t) => t.ticketId === row.ticketId)) {
          row.settled = true;
          n += 1;
        }
      }
      return Promise.resolve(n);
    },
  };

  readonly firings: PruneStores['firings'] = {
    publishedThrough: (partition: number) => Promise.resolve(new Date(this.checkpoints.get(partition) ?? 0)),
    claimedAfter: (keys: readonly string[], through: Date) =>
      Promise.resolve(new Set(this.claims.filter((c) => keys.includes(c.ticketKey) && c.claimedAt > through.getTime()).map((c) => c.ticketKey))),
    prune: (keys: readonly string[]) => {
      const before = this.claims.length;
      this.claims.splice(0, this.claims.length, ...this.claims.filter((c) => !keys.includes(c.ticketKey)));
      return Promise.resolve(before - this.claims.length);
    },
  };

  ticket(ticketId: string, partition: number, open: boolean, claimedAt: readonly number[]): void {
    this.rows.push({ ticketId, partition, open, settled: false });
    claimedAt.forEach((at, i) => this.claims.push({ ticketKey: ticketKey('incident', ticketId), key: `k${i}`, partition, claimedAt: at }));
  }

  claimsOf(ticketId: string): number {
    return this.claims.filter((c) => c.ticketKey === ticketKey('incident', ticketId)).length;
  }

  private async *closedUnsettled(partition: number): AsyncGenerator<ClosedTicketRef> {
    for (const row of [...this.rows]) {
      if (row.partition === partition && !row.open && !row.settled) yield await Promise.resolve({ ticketType: 'incident' as const, ticketId: row.ticketId });
    }
  }
}
