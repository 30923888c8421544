import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { InMemoryTimerClaimStore } from './in-memory-timer-claims';
import { ManualTime } from './manual-time';
import { PartitionTimerWheel } from './partition-timer-wheel';
import type { ArmRequest, PartitionTimerWheelOptions } from './partition-timer-wheel';
import { sleep } from './timers';
import type { DueItem, TimerClaim } from './timer-claims';

const START = Date.UTC(2031, 5, 1, 12);
const TOPIC = 'itsm.thing.v1';
const SECOND = 1_000;

interface Item extends DueItem {
  readonly label: string;
}

/** Claims and checkpoints in memory; `failClaims` makes the next claim calls throw. */
class MemoryClaims extends InMemoryTimerClaimStore {
  failClaims = 0;
  /** The next claim calls insert, then fail all the same (a timeout after the store applied them). */
  landThenFailClaims = 0;
  failReads = 0;

  override async claim(claims: readonly TimerClaim[]): Promise<Set<string>> {
    if (this.failClaims > 0) {
      this.failClaims -= 1;
      throw new Error('store down');
    }
    const inserted = await super.claim(claims);
    if (this.landThenFailClaims > 0) {
      this.landThenFailClaims -= 1;
      throw new Error('timed out');
    }
    return inserted;
  }

  override claimedSince(partition: number, since: Date): Promise<TimerClaim[]> {
    if (this.failReads > 0) {
      this.failReads -= 1;
      return Promise.reject(new Error('store down'));
    }
    return super.claimedSince(partition, since);
  }
}

function envelopeOf(key: string, item: Item, sequence: number, firedAt: Date): EventEnvelope {
  return createEnvelope({ id: `${key}/${item.key}`, source: '/test', type: 'test.fired.v1', subject: key, time: firedAt, data: { label: item.label }, sequence, correlationid: key });
}

interface Harness {
  readonly time: ManualTime;
  readonly claims: MemoryClaims;
  readonly published: EventEnvelope[];
  readonly wheel: PartitionTimerWheel<{ readonly name: string }, Item>;
  readonly logger: { info: jest.Mock; warn: jest.Mock; error: jest.Mock };
  /** What `stored` answers per partition on assignment. */
  readonly stored: Map<number, ArmRequest<{ readonly name: string }, Item>[]>;
  /** The partitions `stored` was asked for, call by call. */
  readonly reads: number[][];
  failPublishes: number;
}

function harness(overrides: Partial<PartitionTimerWheelOptions<{ readonly name: string }, Item>> = {}, shared?: Pick<Harness, 'time' | 'claims'>): Harness {
  const time = shared?.time ?? new ManualTime(START);
  const claims = shared?.claims ?? new MemoryClaims();
  const stored = new Map<number, ArmRequest<{ readonly name: string }, Item>[]>();
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const h: Harness = {
    time,
    claims,
    stored,
    reads: [],
    logger,
    published: [],
    failPublishes: 0,
    wheel: new PartitionTimerWheel<{ readonly name: string }, Item>({
      name: 'Test',
      topic: TOPIC,
      claims,
      stored: async function* (partitions) {
        h.reads.push([...partitions]);
        await Promise.resolve();
        for (const p of partitions) yield* stored.get(p) ?? [];
      },
      envelope: (timer, item, sequence, firedAt) => envelopeOf(timer.key, item, sequence, firedAt),
      publish: (envelopes) => {
        if (h.failPublishes > 0) {
          h.failPublishes -= 1;
          return Promise.reject(new Error('bus down'));
        }
        h.published.push(...envelopes);
        return Promise.resolve();
      },
      clock: time,
      timers: time,
      logger,
      checkpointMs: SECOND,
      batchSize: 10,
      ...overrides,
    }),
  };
  return h;
}

const item = (key: string, dueAt: number): Item => ({ key, dueAt, label: key });
const request = (key: string, partition: number, due: readonly Item[], open = true): ArmRequest<{ readonly name: string }, Item> => ({ key, partition, open, due, data: { name: key } });
const ids = (h: Harness): string[] => h.published.map((e) => e.id);

async function owning(h: Harness, partitions: readonly number[]): Promise<void> {
  h.wheel.onAssignment([{ topic: TOPIC, partitions }, { topic: 'another.topic.v1', partitions: [7] }]);
  await Promise.all(partitions.map((p) => h.wheel.whenReady(p)));
}

describe('PartitionTimerWheel', () => {
  it('fires an armed item once, when it falls due, numbered in its key stream', async () => {
    const h = harness();
    await owning(h, [0]);
    h.wheel.arm(request('t1', 0, [item('warn', START + 10 * SECOND), item('breach', START + 20 * SECOND)]), new Set());
    await h.time.advance(10 * SECOND - 1);
    expect(ids(h)).toEqual([]);
    await h.time.advance(1);
    expect(ids(h)).toEqual(['t1/warn']);
    expect(h.published[0]?.time).toBe(new Date(START + 10 * SECOND).toISOString());
    await h.time.advance(60 * SECOND);
    expect(ids(h)).toEqual(['t1/warn', 't1/breach']);
    expect(h.published.map((e) => e.sequence)).toEqual([1, 2]);
    await h.wheel.stop();
  });

  it('re-arming earlier fires at the earlier instant, once', async () => {
    const h = harness();
    await owning(h, [0]);
    h.wheel.arm(request('t1', 0, [item('breach', START + 30 * SECOND)]), new Set());
    h.wheel.arm(request('t1', 0, [item('breach', START + 5 * SECOND)]), new Set());
    await h.time.advance(5 * SECOND);
    expect(ids(h)).toEqual(['t1/breach']);
    await h.time.advance(60 * SECOND);
    expect(ids(h)).toEqual(['t1/breach']);
    await h.wheel.stop();
  });

  it('re-arming later moves the item: nothing at the old instant', async () => {
    const h = harness();
    await owning(h, [0]);
    h.wheel.arm(request('t1', 0, [item('breach', START + 5 * SECOND)]), new Set());
    h.wheel.arm(request('t1', 0, [item('breach', START + 50 * SECOND)]), new Set());
    await h.time.advance(49 * SECOND);
    expect(ids(h)).toEqual([]);
    await h.time.advance(SECOND);
    expect(ids(h)).toEqual(['t1/breach']);
    await h.wheel.stop();
  });

  it('fires far-off items on time through sleeps capped at maxSleepMs', async () => {
    const h = harness({ maxSleepMs: 30 * SECOND });
    await owning(h, [0]);
    h.wheel.arm(request('t1', 0, [item('breach', START + 95 * SECOND)]), new Set());
    await h.time.advance(95 * SECOND - 1);
    expect(ids(h)).toEqual([]);
    await h.time.advance(1);
    expect(ids(h)).toEqual(['t1/breach']);
    await h.wheel.stop();
  });

  it('leaves out items already claimed, and a claim another replica won is not published twice', async () => {
    const time = new ManualTime(START);
    const claims = new MemoryClaims();
    const a = harness({}, { time, claims });
    const b = harness({}, { time, claims });
    await owning(a, [0]);
    await owning(b, [0]);
    const due = [item('warn', START + SECOND), item('breach', START + 2 * SECOND)];
    a.wheel.arm(request('t1', 0, due), new Set(['warn']));
    b.wheel.arm(request('t1', 0, due), new Set(['warn']));
    await time.advance(10 * SECOND);
    expect([...ids(a), ...ids(b)]).toEqual(['t1/breach']);
    await a.wheel.stop();
    await b.wheel.stop();
  });

  it('ignores keys of partitions it does not own', async () => {
    const h = harness();
    await owning(h, [0]);
    h.wheel.arm(request('t1', 3, [item('breach', START + SECOND)]), new Set());
    expect(h.wheel.armedKeys).toBe(0);
    await h.time.advance(10 * SECOND);
    expect(ids(h)).toEqual([]);
    await h.wheel.stop();
  });

  it('drops the timers of a revoked partition', async () => {
    const h = harness();
    await owning(h, [0, 1]);
    h.wheel.arm(request('t0', 0, [item('breach', START + SECOND)]), new Set());
    h.wheel.arm(request('t1', 1, [item('breach', START + SECOND)]), new Set());
    expect(h.wheel.armedKeys).toBe(2);
    h.wheel.onAssignment([{ topic: TOPIC, partitions: [0] }]);
    expect(h.wheel.armedKeys).toBe(1);
    expect(h.wheel.owns(1)).toBe(false);
    await h.time.advance(10 * SECOND);
    expect(ids(h)).toEqual(['t0/breach']);
    await h.wheel.stop();
  });

  it('re-arms assigned partitions from storage, without what was claimed there', async () => {
    const h = harness();
    h.stored.set(2, [request('t2', 2, [item('warn', START + SECOND), item('breach', START + 3 * SECOND)])]);
    h.stored.set(5, [request('t5', 5, [item('breach', START + SECOND)])]);
    await h.claims.claim([{ timerKey: 't2', key: 'warn', partition: 2, claimedAt: new Date(START - 20 * SECOND), envelope: envelopeOf('t2', item('warn', START), 1, new Date(START)) }]);
    await h.claims.setPublishedThrough(2, new Date(START));
    await owning(h, [2]);
    expect(h.wheel.ownedPartitions()).toEqual([2]);
    expect(h.wheel.armedKeys).toBe(1);
    expect(await h.wheel.claimedKeys('t2', true)).toEqual(new Set(['warn']));
    await h.time.advance(10 * SECOND);
    expect(ids(h)).toEqual(['t2/breach']);
    expect(h.published[0]?.sequence).toBe(2);
    await h.wheel.stop();
  });

  it('on takeover publishes again the claims after the checkpoint (minus the margin), and advances checkpoints', async () => {
    const h = harness({ recoveryMarginMs: 0 });
    const claimed = (key: string, at: number): TimerClaim => ({ timerKey: 't1', key, partition: 4, claimedAt: new Date(at), envelope: envelopeOf('t1', item(key, at), 1, new Date(at)) });
    await h.claims.claim([claimed('old', START - 20 * SECOND), claimed('recent', START - 5 * SECOND)]);
    await h.claims.setPublishedThrough(4, new Date(START - 10 * SECOND));
    await owning(h, [4]);
    expect(ids(h)).toEqual(['t1/recent']);
    h.wheel.start();
    await h.time.advance(SECOND);
    expect((await h.claims.publishedThrough(4)).getTime()).toBe(START + SECOND - 1);
    await h.wheel.stop();
  });

  it('owes an item again when its claim fails, and publishes it again when the publish fails', async () => {
    const h = harness({ retryMs: SECOND });
    await owning(h, [0]);
    h.claims.failClaims = 1;
    h.failPublishes = 1;
    h.wheel.arm(request('t1', 0, [item('breach', START + SECOND)]), new Set());
    await h.time.advance(SECOND);
    expect(ids(h)).toEqual([]);
    expect(h.logger.error).toHaveBeenCalledWith(expect.anything(), 'Test timer batch failed; retrying');
    await h.time.advance(5 * SECOND);
    expect(ids(h)).toEqual(['t1/breach']);
    expect(h.logger.warn).toHaveBeenCalledWith(expect.anything(), 'publishing Test events failed; retrying');
    expect(h.claims.rows.size).toBe(1);
    await h.wheel.stop();
  });

  it('publishes, once, a claim whose insert landed though the call failed, and holds the checkpoint until it is published', async () => {
    const h = harness({ retryMs: SECOND });
    await owning(h, [0]);
    h.wheel.start();
    h.claims.landThenFailClaims = 1;
    h.claims.failReads = 1;
    h.wheel.arm(request('t1', 0, [item('warn', START + SECOND), item('breach', START + SECOND)]), new Set());
    await h.time.advance(SECOND);
    expect(h.claims.rows.size).toBe(2);
    expect(ids(h)).toEqual([]);
    // The look-up fails once: nothing fires, the checkpoint stays before the claims.
    await h.time.advance(SECOND);
    expect(ids(h)).toEqual([]);
    expect((await h.claims.publishedThrough(0)).getTime()).toBeLessThan(START + SECOND);
    await h.time.advance(5 * SECOND);
    expect(ids(h)).toEqual(['t1/warn', 't1/breach']);
    expect(h.published.map((e) => e.sequence)).toEqual([1, 2]);
    await h.time.advance(5 * SECOND);
    expect(ids(h)).toEqual(['t1/warn', 't1/breach']);
    expect((await h.claims.publishedThrough(0)).getTime()).toBeGreaterThanOrEqual(START + SECOND);
    // The items count as claimed: what the key owes next is numbered after them.
    h.wheel.arm(request('t1', 0, [item('warn', START + SECOND), item('breach', START + SECOND), item('late', START + 20 * SECOND)]), await h.wheel.claimedKeys('t1', true));
    await h.time.advance(10 * SECOND);
    expect(ids(h)).toEqual(['t1/warn', 't1/breach', 't1/late']);
    expect(h.published.at(-1)?.sequence).toBe(3);
    await h.wheel.stop();
  });

  it('holds a key back until notBefore, and forgets a closed key once it owes nothing', async () => {
    const h = harness({ notBefore: (owed, now) => (owed.some((d) => d.dueAt < now) ? now + 2 * SECOND : 0) });
    await owning(h, [0]);
    h.wheel.arm(request('late', 0, [item('breach', START - SECOND)], false), new Set());
    await h.time.advance(2 * SECOND - 1);
    expect(ids(h)).toEqual([]);
    await h.time.advance(1);
    expect(ids(h)).toEqual(['late/breach']);
    expect(h.wheel.armedKeys).toBe(0);
    h.wheel.arm(request('open', 0, [], true), new Set());
    expect(h.wheel.armedKeys).toBe(1);
    h.wheel.arm(request('open', 0, [], false), new Set());
    expect(h.wheel.armedKeys).toBe(0);
    await h.wheel.stop();
  });

  it('loads only newly assigned partitions: those it keeps are not read again', async () => {
    const h = harness();
    h.stored.set(1, [request('t1', 1, [item('breach', START + 5 * SECOND)])]);
    h.stored.set(2, [request('t2', 2, [item('breach', START + 5 * SECOND)])]);
    await owning(h, [1]);
    await owning(h, [1, 2]);
    expect(h.reads.flat().sort()).toEqual([1, 2]);
    expect(h.wheel.armedKeys).toBe(2);
    await h.wheel.stop();
  });

  it('a rebalance (empty assignment, then the same partitions) keeps the timers without reading storage, and they fire', async () => {
    const h = harness();
    h.stored.set(0, [request('t0', 0, [item('breach', START + 5 * SECOND)])]);
    h.stored.set(1, [request('t1', 1, [item('breach', START + 5 * SECOND)])]);
    await owning(h, [0, 1]);
    h.wheel.arm(request('t9', 0, [item('breach', START + 6 * SECOND)]), new Set());
    h.wheel.onAssignment([]);
    expect(h.wheel.ownedPartitions()).toEqual([]);
    await h.time.advance(10 * SECOND);
    expect(ids(h)).toEqual([]);
    await owning(h, [0]);
    expect(h.reads.flat()).toEqual([0, 1]);
    expect(h.wheel.armedKeys).toBe(2);
    await h.time.advance(SECOND);
    expect(ids(h).sort()).toEqual(['t0/breach', 't9/breach']);
    await h.wheel.stop();
  });

  it('after a rebalance, a partition another replica loaded meanwhile is read again', async () => {
    const time = new ManualTime(START);
    const claims = new MemoryClaims();
    const a = harness({}, { time, claims });
    a.stored.set(3, [request('t3', 3, [item('breach', START + 5 * SECOND)])]);
    await owning(a, [3]);
    a.wheel.onAssignment([]);
    await claims.takeOver(3); // another replica owned partition 3 in between
    a.stored.set(3, [request('t3', 3, [item('breach', START + 8 * SECOND)])]);
    await owning(a, [3]);
    expect(a.reads).toEqual([[3], [3]]);
    await time.advance(6 * SECOND);
    expect(ids(a)).toEqual([]);
    await time.advance(2 * SECOND);
    expect(ids(a)).toEqual(['t3/breach']);
    await a.wheel.stop();
  });

  it('claims up to two batches at once when more is due, never the same key in both, and publishes each once', async () => {
    const h = harness({ batchSize: 10 });
    await owning(h, [0]);
    let open = 0;
    let most = 0;
    const claim = h.claims.claim.bind(h.claims);
    h.claims.claim = async (claims) => {
      open += 1;
      most = Math.max(most, open);
      await sleep(h.time, 100);
      open -= 1;
      return claim(claims);
    };
    for (let n = 0; n < 35; n += 1) h.wheel.arm(request(`k${n}`, 0, [item('warn', START + SECOND), item('breach', START + SECOND + 1)]), new Set());
    await h.time.advance(5 * SECOND);
    expect(most).toBe(2);
    expect(ids(h)).toHaveLength(70);
    expect(new Set(ids(h)).size).toBe(70);
    for (let n = 0; n < 35; n += 1) expect(ids(h).indexOf(`k${n}/warn`)).toBeLessThan(ids(h).indexOf(`k${n}/breach`));
    await h.wheel.stop();
  });

  describe('with claims recorded on the stored keys (recordClaims)', () => {
    const claimAt = (timerKey: string, key: string, partition: number, at: number): TimerClaim => ({ timerKey, key, partition, claimedAt: new Date(at), envelope: envelopeOf(timerKey, item(key, at), 1, new Date(at)) });

    it('records claims after publishing, off the firing path: a failed record holds the checkpoint back and is retried, with what was published meanwhile, in one call', async () => {
      const log: string[] = [];
      let failRecords = 1;
      const h = harness({
        retryMs: 2 * SECOND,
        recordClaims: (claims) => {
          if (failRecords > 0) {
            failRecords -= 1;
            return Promise.reject(new Error('rows down'));
          }
          log.push(`record ${claims.map((c) => `${c.timerKey}/${c.key}`).join(' ')}`);
          return Promise.resolve();
        },
        publish: (envelopes) => {
          log.push(...envelopes.map((e) => `publish ${e.id}`));
          return Promise.resolve();
        },
      });
      await owning(h, [0]);
      h.wheel.start();
      h.wheel.arm(request('t1', 0, [item('breach', START + SECOND)]), new Set());
      h.wheel.arm(request('t2', 0, [item('breach', START + 2 * SECOND)]), new Set());
      await h.time.advance(SECOND);
      // Published though its record failed.
      expect(log).toEqual(['publish t1/breach']);
      expect(h.logger.warn).toHaveBeenCalledWith(expect.anything(), 'recording Test claims failed; retrying');
      await h.time.advance(SECOND);
      expect(log).toEqual(['publish t1/breach', 'publish t2/breach']);
      // The checkpoint waits for the record: a takeover now would read the claim after it.
      expect((await h.claims.publishedThrough(0)).getTime()).toBeLessThan(START + SECOND);
      await h.time.advance(2 * SECOND);
      expect(log).toEqual(['publish t1/breach', 'publish t2/breach', 'record t1/breach t2/breach']);
      await h.time.advance(SECOND);
      expect((await h.claims.publishedThrough(0)).getTime()).toBeGreaterThanOrEqual(START + 2 * SECOND);
      expect(h.claims.rows.size).toBe(2);
      await h.wheel.stop();
    });

    it('records nothing while due batches fire, then in calls of at most a batch once the firing pauses', async () => {
      const log: string[] = [];
      const h = harness({
        batchesInFlight: 1,
        recordClaims: (claims) => {
          log.push(`record ${claims.length}`);
          return Promise.resolve();
        },
        publish: (envelopes) => {
          log.push(`publish ${envelopes.length}`);
          return Promise.resolve();
        },
      });
      await owning(h, [0]);
      for (let n = 0; n < 25; n += 1) h.wheel.arm(request(`k${n}`, 0, [item('breach', START + SECOND)]), new Set());
      await h.time.advance(SECOND);
      expect(log).toEqual(['publish 10', 'publish 10', 'publish 5', 'record 10', 'record 10', 'record 5']);
      await h.wheel.stop();
    });

    it('records anyway once the oldest waiting claim has waited recordLagMs, though timers keep firing', async () => {
      const log: string[] = [];
      const h = harness({
        batchesInFlight: 1,
        recordLagMs: SECOND,
        recordClaims: (claims) => {
          log.push(`record ${claims.map((c) => c.timerKey).join(' ')}`);
          return Promise.resolve();
        },
        // Each publish takes 3 s: the firing of the two batches lasts 6 s.
        publish: async (envelopes) => {
          await sleep(h.time, 3 * SECOND);
          log.push(`publish ${envelopes.map((e) => e.subject).join(' ')}`);
        },
      });
      await owning(h, [0]);
      for (let n = 0; n < 20; n += 1) h.wheel.arm(request(`k${n}`, 0, [item('breach', START + SECOND)]), new Set());
      await h.time.advance(5 * SECOND);
      // The first batch's claims were recorded while the second batch was being published.
      const first = (log[0] ?? '').replace('publish ', '');
      expect(first.split(' ')).toHaveLength(10);
      expect(log).toEqual([`publish ${first}`, `record ${first}`]);
      await h.time.advance(5 * SECOND);
      expect(log).toHaveLength(4);
      expect(log[3]).toBe((log[2] ?? '').replace('publish', 'record'));
      await h.wheel.stop();
    });

    it('stopping records what was published and not yet recorded before the last checkpoint', async () => {
      const recorded: string[] = [];
      let release: () => void = () => undefined;
      let calls = 0;
      const h = harness({
        recordClaims: (claims) => {
          calls += 1;
          recorded.push(...claims.map((c) => `${c.timerKey}/${c.key}`));
          // The first call hangs until released: what is published meanwhile waits for the next.
          return calls === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
        },
      });
      await owning(h, [0]);
      h.wheel.start();
      h.wheel.arm(request('t1', 0, [item('breach', START + SECOND)]), new Set());
      await h.time.advance(SECOND);
      h.wheel.arm(request('t2', 0, [item('breach', START + 2 * SECOND)]), new Set());
      await h.time.advance(SECOND);
      await h.time.advance(SECOND);
      expect(ids(h)).toEqual(['t1/breach', 't2/breach']);
      expect(recorded).toEqual(['t1/breach']);
      // Held by the record under way: a takeover now would read both claims.
      expect((await h.claims.publishedThrough(0)).getTime()).toBe(START + SECOND - 1);
      const stopped = h.wheel.stop();
      release();
      await stopped;
      expect(recorded).toEqual(['t1/breach', 't2/breach']);
      expect((await h.claims.publishedThrough(0)).getTime()).toBe(START + 3 * SECOND - 1);
    });

    it('re-arms from the keys\' recorded claims and the claims after the checkpoint, reading no other claim; for a key without a record, every claim of its partition', async () => {
      const recorded: string[] = [];
      const h = harness({
        recoveryMarginMs: 10 * SECOND,
        recordClaims: (claims) => {
          recorded.push(...claims.map((c) => `${c.timerKey}/${c.key}`));
          return Promise.resolve();
        },
      });
      // t2: `warn` claimed long ago (recorded on its row), `mid` just before the takeover (not recorded yet); t3: a row stored before claims were recorded.
      await h.claims.claim([claimAt('t2', 'warn', 1, START - 60 * SECOND), claimAt('t2', 'mid', 1, START - SECOND), claimAt('t3', 'warn', 2, START - 60 * SECOND)]);
      await h.claims.setPublishedThrough(1, new Date(START - 5 * SECOND));
      await h.claims.setPublishedThrough(2, new Date(START - 5 * SECOND));
      h.stored.set(1, [{ ...request('t2', 1, [item('warn', START - 60 * SECOND), item('mid', START - 2 * SECOND), item('breach', START + 3 * SECOND)]), claimed: ['warn'] }]);
      h.stored.set(2, [request('t3', 2, [item('warn', START - 60 * SECOND), item('breach', START + 3 * SECOND)])]);
      const everyClaim = jest.spyOn(h.claims, 'claimedKeys');
      const attempts = jest.spyOn(h.claims, 'claim');
      await owning(h, [1, 2]);
      expect(everyClaim.mock.calls).toEqual([[[2]]]);
      // `mid` came after the checkpoint: published again on takeover, then recorded.
      expect(ids(h)).toEqual(['t2/mid']);
      expect(recorded).toEqual(['t2/mid']);
      await h.time.advance(10 * SECOND);
      expect(ids(h).sort()).toEqual(['t2/breach', 't2/mid', 't3/breach']);
      expect(h.published.filter((e) => e.id.endsWith('/breach')).map((e) => `${e.id}#${e.sequence}`).sort()).toEqual(['t2/breach#3', 't3/breach#2']);
      // Nothing claimed before was tried again.
      expect(attempts.mock.calls.flatMap(([claims]) => claims.map((c) => `${c.timerKey}/${c.key}`)).sort()).toEqual(['t2/breach', 't3/breach']);
      await h.wheel.stop();
    });
  });
});
