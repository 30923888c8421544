import type { EventEnvelope } from '@itsm/contracts';
import { ManualTime } from '@itsm/platform/scheduling';
import type { TimerClaim } from '@itsm/platform/scheduling';
import type { ArmingRow, SlaFiringRepository } from '../../persistence';
import { ticketKey } from '../../persistence';
import { DEFAULT_SLA_SETTINGS } from '../sla.tokens';
import { MemoryPruneStores } from '../test-fixtures/prune-fakes';
import { SlaTimerService } from './sla-timer.service';

const T = Date.UTC(2031, 0, 6, 12);
const TOPIC = 'itsm.incident.v1';
const clock = { clockId: 'sla-p1#1', definitionId: 'sla-p1', definitionName: 'P1', kind: 'SLA' as const, target: 'resolution' as const, targetMs: 3_600_000, segment: null };

/** Rows per partition (the repository answers open tickets only), claims and epochs in memory. */
function setup() {
  const time = new ManualTime(T);
  const stores = new MemoryPruneStores();
  const reads: number[][] = [];
  const rows = new Map<number, ArmingRow[]>();
  const published: EventEnvelope[] = [];
  const epochs = new Map<number, number>();
  const inserted: TimerClaim[] = [];
  const recorded: string[] = [];
  const firings = {
    ...stores.firings,
    claim: (claims: readonly TimerClaim[]) => {
      inserted.push(...claims);
      return Promise.resolve(new Set(claims.map((c) => `${c.timerKey}\u0000${c.key}`)));
    },
    claimedKeys: () => Promise.resolve(new Map<string, Set<string>>()),
    claimedKeysOf: () => Promise.resolve(new Set<string>()),
    claimedSince: () => Promise.resolve([]),
    setPublishedThrough: () => Promise.resolve(),
    takeOver: (p: number) => {
      epochs.set(p, (epochs.get(p) ?? 0) + 1);
      return Promise.resolve(epochs.get(p) ?? 0);
    },
    ownershipEpoch: (p: number) => Promise.resolve(epochs.get(p) ?? 0),
  } as unknown as SlaFiringRepository;
  const service = new SlaTimerService({
    tickets: {
      ...stores.tickets,
      recordClaimed: (claims: readonly TimerClaim[]) => {
        recorded.push(...claims.map((c) => `${c.timerKey}/${c.key}`));
        return Promise.resolve();
      },
      armingRows: async function* (partitions: readonly number[]) {
        reads.push([...partitions]);
        for (const p of partitions) for (const row of rows.get(p) ?? []) yield await Promise.resolve(row);
      },
    },
    firings,
    publish: (envelopes) => {
      published.push(...envelopes);
      return Promise.resolve();
    },
    clock: time,
    timers: time,
    settings: DEFAULT_SLA_SETTINGS,
    logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn() },
    ticketTopic: TOPIC,
  });
  const row = (ticketId: string, partition: number, dueAt: number): ArmingRow => ({
    ticketType: 'incident',
    ticketId,
    number: `INC-${ticketId}`,
    partition,
    clocks: [clock],
    due: [{ key: 'sla-p1~0:100', clockId: clock.clockId, percent: 100, dueAt, projected: true }],
  });
  return { time, stores, reads, rows, published, inserted, recorded, service, row };
}

describe('SlaTimerService', () => {
  it('re-arms the stored open tickets of newly assigned partitions only, and emits their breaches with the ticket number', async () => {
    const h = setup();
    h.rows.set(0, [h.row('a', 0, T + 5_000)]);
    h.rows.set(1, [h.row('b', 1, T + 5_000)]);
    h.rows.set(2, [h.row('c', 2, T + 5_000)]);
    h.service.onAssignment([{ topic: TOPIC, partitions: [0, 1] }]);
    await Promise.all([0, 1].map((p) => h.service.whenReady(p)));
    // A rebalance gives 0 and 1 back and adds 2: only 2 is read.
    h.service.onAssignment([]);
    h.service.onAssignment([{ topic: TOPIC, partitions: [0, 1, 2] }]);
    await Promise.all([0, 1, 2].map((p) => h.service.whenReady(p)));
    expect(h.reads.flat().sort()).toEqual([0, 1, 2]);
    expect(h.service.armedTickets).toBe(3);
    await h.time.advance(5_000);
    expect(h.published.map((e) => e.subject).sort()).toEqual(['a', 'b', 'c']);
    expect(h.published[0]?.data).toMatchObject({ ticketNumber: 'INC-a', definitionName: 'P1' });
    await h.service.stop();
  });

  it('records each claimed emission on its ticket before publishing, and re-arms a ticket from its recorded claims without claiming them again', async () => {
    const h = setup();
    const breach = h.row('x', 0, T).due[0]?.key as string;
    h.rows.set(0, [{ ...h.row('fired', 0, T - 1_000), claimed: [breach] }, h.row('due', 0, T + 1_000)]);
    h.service.onAssignment([{ topic: TOPIC, partitions: [0] }]);
    await h.service.whenReady(0);
    await h.time.advance(5_000);
    expect(h.published.map((e) => e.subject)).toEqual(['due']);
    expect(h.inserted.map((c) => c.timerKey)).toEqual(['incident:due']);
    expect(h.recorded).toEqual([`incident:due/${breach}`]);
    await h.service.stop();
  });

  it('prunes the firings of closed tickets in its loaded partitions, not of those it still holds', async () => {
    const h = setup();
    h.service.onAssignment([{ topic: TOPIC, partitions: [0] }]);
    await h.service.whenReady(0);
    h.stores.checkpoints.set(0, T);
    h.stores.ticket('done', 0, false, [T - 60_000]);
    h.stores.ticket('owing', 0, false, [T - 60_000]);
    h.service.arm({ ticketType: 'incident', ticketId: 'owing', number: 'INC-owing', partition: 0, open: false, clocks: [clock], due: h.row('owing', 0, T + 60_000).due }, new Set());
    expect(await h.service.prune()).toEqual({ settled: 1, deletedFirings: 1 });
    expect(h.stores.claimsOf('done')).toBe(0);
    expect(h.stores.claimsOf('owing')).toBe(1);
    expect(ticketKey('incident', 'owing')).toBe('incident:owing');
    await h.service.stop();
  });
});
