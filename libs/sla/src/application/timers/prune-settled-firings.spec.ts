import { ticketKey } from '../../persistence';
import { MemoryPruneStores } from '../test-fixtures/prune-fakes';
import { pruneSettledFirings } from './prune-settled-firings';

const T = Date.UTC(2031, 0, 6, 12);
const SECOND = 1_000;

describe('pruneSettledFirings', () => {
  it('deletes the firings of closed tickets behind the checkpoint window, and settles them', async () => {
    const s = new MemoryPruneStores();
    s.checkpoints.set(0, T);
    s.ticket('closed-old', 0, false, [T - 60 * SECOND, T - 30 * SECOND]);
    s.ticket('open', 0, true, [T - 60 * SECOND]);
    s.ticket('closed-recent', 0, false, [T - 60 * SECOND, T - 5 * SECOND]);
    s.ticket('closed-held', 0, false, [T - 60 * SECOND]);
    s.ticket('other-partition', 1, false, [T - 60 * SECOND]);
    const outcome = await pruneSettledFirings(s, 0, 10 * SECOND, (key) => key === ticketKey('incident', 'closed-held'));
    expect(outcome).toEqual({ settled: 1, deletedFirings: 2 });
    expect(s.claimsOf('closed-old')).toBe(0);
    expect(s.rows.find((r) => r.ticketId === 'closed-old')?.settled).toBe(true);
    // Open tickets, claims inside the window (a takeover may publish them again), tickets still owing, other partitions: kept.
    expect(s.claimsOf('open')).toBe(1);
    expect(s.claimsOf('closed-recent')).toBe(2);
    expect(s.rows.find((r) => r.ticketId === 'closed-recent')?.settled).toBe(false);
    expect(s.claimsOf('closed-held')).toBe(1);
    expect(s.claimsOf('other-partition')).toBe(1);
  });

  it('settles the rest once the checkpoint has moved past their last claim, and then has nothing to do', async () => {
    const s = new MemoryPruneStores();
    s.checkpoints.set(0, T);
    s.ticket('closed-recent', 0, false, [T - 5 * SECOND]);
    expect((await pruneSettledFirings(s, 0, 10 * SECOND, () => false)).settled).toBe(0);
    s.checkpoints.set(0, T + 60 * SECOND);
    expect(await pruneSettledFirings(s, 0, 10 * SECOND, () => false)).toEqual({ settled: 1, deletedFirings: 1 });
    expect(await pruneSettledFirings(s, 0, 10 * SECOND, () => false)).toEqual({ settled: 0, deletedFirings: 0 });
  });

  it('works through more closed tickets than one chunk', async () => {
    const s = new MemoryPruneStores();
    s.checkpoints.set(0, T);
    for (let n = 0; n < 1_203; n += 1) s.ticket(`c${n}`, 0, false, [T - 60 * SECOND]);
    expect(await pruneSettledFirings(s, 0, 10 * SECOND, () => false)).toEqual({ settled: 1_203, deletedFirings: 1_203 });
    expect(s.claims).toHaveLength(0);
  });
});
