import { createEnvelope } from '@itsm/contracts';
import { connectContext, ensureIndexes, objectIdFromKey } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { MongoTimerClaimStore, timerClaimIndexes } from './mongo-timer-claim-store';
import type { TimerClaimCollections } from './mongo-timer-claim-store';
import type { TimerClaim } from './timer-claims';
import { claimKey } from './timer-claims';

// Scheduling sits below the testing lib, so it reads the peer the global setup started from the environment.
const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const T = Date.now();
const ESCALATIONS: TimerClaimCollections = { claims: 'esc_firings', checkpoints: 'esc_checkpoints', idPrefix: 'esc' };
const TICKETS: TimerClaimCollections = { claims: 'ticket_firings', checkpoints: 'ticket_checkpoints', idPrefix: 'tk', timerKeyField: 'ticketKey' };

function claim(timerKey: string, key: string, partition: number, at: number): TimerClaim {
  const envelope = createEnvelope({ id: randomUUID(), source: '/t', type: 't.v1', subject: timerKey, time: new Date(at), data: { key }, sequence: 1, correlationid: 'c' });
  return { timerKey, key, partition, claimedAt: new Date(at), envelope };
}

describe('MongoTimerClaimStore on the MongoDB peer: insert-once claims, checkpoints, ownership epochs', () => {
  let connection: Connection;
  let store: MongoTimerClaimStore;
  let replica: MongoTimerClaimStore;

  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `claims_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(connection, [...timerClaimIndexes(ESCALATIONS), ...timerClaimIndexes(TICKETS)]);
    store = new MongoTimerClaimStore(connection, ESCALATIONS);
    replica = new MongoTimerClaimStore(connection, ESCALATIONS);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('claims each (timer key, item key) once across stores: a repeat, alone or in a batch, is not claimed again', async () => {
    const first = await store.claim([claim('esc-1', 'level-1', 0, T - 30_000), claim('esc-1', 'level-2', 0, T - 20_000)]);
    expect(first).toEqual(new Set([claimKey('esc-1', 'level-1'), claimKey('esc-1', 'level-2')]));
    expect(await replica.claim([claim('esc-1', 'level-1', 0, T)])).toEqual(new Set());
    expect(await replica.claim([claim('esc-1', 'level-2', 0, T), claim('esc-2', 'level-1', 1, T - 10_000)])).toEqual(new Set([claimKey('esc-2', 'level-1')]));
    expect(await store.claim([])).toEqual(new Set());
    expect(await store.claimedKeysOf('esc-1')).toEqual(new Set(['level-1', 'level-2']));
    expect(await store.claimedKeys([0])).toEqual(new Map([['esc-1', new Set(['level-1', 'level-2'])]]));
    expect(await store.claimedKeys([0, 1])).toEqual(new Map([['esc-1', new Set(['level-1', 'level-2'])], ['esc-2', new Set(['level-1'])]]));
  });

  it('answers the claims after an instant oldest first, with the envelope as stored (the first claim\'s, not the repeat\'s)', async () => {
    const since = await store.claimedSince(0, new Date(T - 25_000));
    expect(since.map((c) => [c.timerKey, c.key, c.claimedAt.getTime()])).toEqual([['esc-1', 'level-2', T - 20_000]]);
    expect(since[0]?.envelope.data).toEqual({ key: 'level-2' });
    expect((await store.claimedSince(0, new Date(0))).map((c) => c.key)).toEqual(['level-1', 'level-2']);
    expect(await store.claimedAfter(['esc-1', 'esc-2', 'esc-9'], new Date(T - 15_000))).toEqual(new Set(['esc-2']));
    expect(await store.claimedAfter([], new Date(0))).toEqual(new Set());
  });

  it('moves a checkpoint forward only, and bumps the ownership epoch on each takeover', async () => {
    expect(await store.publishedThrough(7)).toEqual(new Date(0));
    await store.setPublishedThrough(7, new Date(T));
    await replica.setPublishedThrough(7, new Date(T - 60_000));
    expect(await store.publishedThrough(7)).toEqual(new Date(T));
    expect(await store.ownershipEpoch(7)).toBe(0);
    expect(await store.takeOver(7)).toBe(1);
    expect(await replica.takeOver(7)).toBe(2);
    expect(await store.ownershipEpoch(7)).toBe(2);
    expect(await store.publishedThrough(7)).toEqual(new Date(T));
  });

  it('prunes a timer key\'s claims; another wheel\'s collections, ids and timer-key field stay apart', async () => {
    const tickets = new MongoTimerClaimStore(connection, TICKETS);
    expect(await tickets.claim([claim('esc-1', 'level-1', 0, T)])).toEqual(new Set([claimKey('esc-1', 'level-1')]));
    const stored = await connection.collection('ticket_firings').findOne({ ticketKey: 'esc-1' });
    expect(stored?._id).toEqual(objectIdFromKey('tk-firing', 'esc-1', 'level-1'));
    expect(await tickets.takeOver(7)).toBe(1);
    expect(await store.prune(['esc-1'])).toBe(2);
    expect(await store.prune([])).toBe(0);
    expect(await store.claimedKeysOf('esc-1')).toEqual(new Set());
    expect(await tickets.claimedKeysOf('esc-1')).toEqual(new Set(['level-1']));
    expect(await store.claim([claim('esc-1', 'level-1', 0, T)])).toEqual(new Set([claimKey('esc-1', 'level-1')]));
  });

  it('declares (and ensureIndexes creates) the indexes its queries use', async () => {
    const names = (await connection.collection('ticket_firings').indexes()).map((i) => JSON.stringify(i.key));
    expect(names).toEqual(expect.arrayContaining(['{"ticketKey":1,"claimedAt":1}', '{"partition":1,"claimedAt":1}']));
    expect(timerClaimIndexes(ESCALATIONS)[0]?.indexes.map((i) => i.keys)).toEqual([[['timerKey', 1], ['claimedAt', 1]], [['partition', 1], ['claimedAt', 1]]]);
  });
});
