import type { ClosedTicketRef, SlaFiringRepository, SlaTicketRepository } from '../../persistence';
import { ticketKey } from '../../persistence';

/** What pruning reads and writes. */
export interface PruneStores {
  readonly tickets: Pick<SlaTicketRepository, 'closedUnsettled' | 'markSettled'>;
  readonly firings: Pick<SlaFiringRepository, 'publishedThrough' | 'claimedAfter' | 'prune'>;
}

export interface PruneOutcome {
  readonly settled: number;
  readonly deletedFirings: number;
}

const CHUNK = 500;

/**
 * Prunes the firings of a partition's closed tickets once they are behind the checkpoint window:
 * a closed ticket no timer holds any more (`holds`: it still owes something) whose claims were all
 * made at or before the publish checkpoint minus the recovery margin (so no takeover publishes them
 * again) is marked settled, then its claims are deleted. A settled ticket owes nothing more: the
 * clock projector arms nothing for it, so no emission happens twice for want of its claim.
 */
export async function pruneSettledFirings(stores: PruneStores, partition: number, recoveryMarginMs: number, holds: (ticketKey: string) => boolean): Promise<PruneOutcome> {
  const through = new Date((await stores.firings.publishedThrough(partition)).getTime() - recoveryMarginMs);
  let settled = 0;
  let deletedFirings = 0;
  const settle = async (chunk: readonly ClosedTicketRef[]): Promise<void> => {
    const candidates = chunk.filter((t) => !holds(ticketKey(t.ticketType, t.ticketId)));
    const recent = await stores.firings.claimedAfter(
      candidates.map((t) => ticketKey(t.ticketType, t.ticketId)),
      through,
    );
    const done = candidates.filter((t) => !recent.has(ticketKey(t.ticketType, t.ticketId)));
    settled += await stores.tickets.markSettled(done);
    deletedFirings += await stores.firings.prune(done.map((t) => ticketKey(t.ticketType, t.ticketId)));
  };
  let chunk: ClosedTicketRef[] = [];
  for await (const ticket of stores.tickets.closedUnsettled(partition)) {
    chunk.push(ticket);
    if (chunk.length < CHUNK) continue;
    await settle(chunk);
    chunk = [];
  }
  await settle(chunk);
  return { settled, deletedFirings };
}
