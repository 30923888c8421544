import { createEnvelope } from '@itsm/contracts';
import { connectContext, objectIdFromKey } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { SlaClock, TicketTimeline } from '../domain';
import { SlaFiringRepository } from './sla-firing.repository';
import { SlaTicketRepository, ticketKey } from './sla-ticket.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const T = Date.now();
const clock = { clockId: 'sla-p1#1', definitionId: 'sla-p1', definitionName: 'P1', kind: 'SLA', target: 'resolution', targetMs: 3_600_000, segment: null } as unknown as SlaClock;
const timeline = (ticketId: string): TicketTimeline => ({ ticketType: 'incident', ticketId, number: `INC-${ticketId}`, callerId: 'u', orderedById: null, configurationItemIds: [], facts: [] });

describe('SLA repositories on the MongoDB peer: re-arm rows, pruning (the claim store itself is specified with MongoTimerClaimStore)', () => {
  let connection: Connection;
  let tickets: SlaTicketRepository;
  let firings: SlaFiringRepository;

  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `sla_${randomUUID().slice(0, 8)}`);
    tickets = new SlaTicketRepository(connection);
    firings = new SlaFiringRepository(connection);
    const due = [{ key: 'sla-p1~0:100', clockId: 'sla-p1#1', percent: 100, dueAt: T + 60_000, projected: true }];
    for (const [id, partition, open] of [['open-0', 0, true], ['closed-0', 0, false], ['open-1', 1, true]] as const) {
      await tickets.save({ timeline: timeline(id), partition, lastSequence: 1, open, clocks: [clock], due: open ? due : [], version: 0 });
    }
    const claim = (id: string, key: string, at: number) => ({
      timerKey: ticketKey('incident', id),
      key,
      partition: 0,
      claimedAt: new Date(at),
      envelope: createEnvelope({ id: randomUUID(), source: '/t', type: 't.v1', subject: id, time: new Date(at), data: {}, sequence: 1, correlationid: 'c' }),
    });
    await firings.claim([claim('closed-0', 'a', T - 60_000), claim('closed-0', 'b', T - 50_000), claim('open-0', 'a', T - 60_000)]);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('re-arm reads the open tickets of the partitions asked, with the owing clocks only', async () => {
    const rows = [];
    for await (const row of tickets.armingRows([0])) rows.push(row);
    expect(rows.map((r) => r.ticketId)).toEqual(['open-0']);
    expect(rows[0]?.clocks).toEqual([{ clockId: 'sla-p1#1', definitionId: 'sla-p1', definitionName: 'P1', kind: 'SLA', target: 'resolution', targetMs: 3_600_000, segment: null }]);
    const both = [];
    for await (const row of tickets.armingRows([0, 1])) both.push(row.ticketId);
    expect(both.sort()).toEqual(['open-0', 'open-1']);
  });

  it('prunes a settled closed ticket: listed once, marked settled (version moves on), its claims deleted', async () => {
    const closed = [];
    for await (const t of tickets.closedUnsettled(0)) closed.push(t);
    expect(closed).toEqual([{ ticketType: 'incident', ticketId: 'closed-0' }]);
    expect(await firings.claimedAfter([ticketKey('incident', 'closed-0')], new Date(T - 55_000))).toEqual(new Set([ticketKey('incident', 'closed-0')]));
    expect(await firings.claimedAfter([ticketKey('incident', 'closed-0')], new Date(T - 10_000))).toEqual(new Set());
    expect(await tickets.markSettled(closed)).toBe(1);
    expect(await firings.prune([ticketKey('incident', 'closed-0')])).toBe(2);
    expect(await tickets.find('incident', 'closed-0')).toMatchObject({ settled: true, version: 2 });
    for await (const t of tickets.closedUnsettled(0)) throw new Error(`still listed: ${t.ticketId}`);
    expect(await firings.claimedKeysOf(ticketKey('incident', 'open-0'))).toEqual(new Set(['a']));
  });

  it('records claimed emissions on a ticket (added once each, kept by later saves), not on a document stored before they were recorded', async () => {
    const key = ticketKey('incident', 'open-1');
    await tickets.recordClaimed([
      { timerKey: key, key: 'sla-p1~0:50' },
      { timerKey: key, key: 'sla-p1~0:75' },
    ]);
    await tickets.recordClaimed([{ timerKey: key, key: 'sla-p1~0:50' }]);
    const stored = await tickets.find('incident', 'open-1');
    if (stored === undefined) throw new Error('open-1 missing');
    await tickets.save({ ...stored, lastSequence: 2 });
    // A document of an earlier version: no record, so none is started (it would miss the older claims).
    await connection.collection('sla_tickets').insertOne({ _id: objectIdFromKey('sla-ticket', 'incident', 'legacy-1'), ticketType: 'incident', ticketId: 'legacy-1', number: 'INC-legacy-1', partition: 1, open: true, clockMeta: [], due: [], version: 1 });
    await tickets.recordClaimed([{ timerKey: ticketKey('incident', 'legacy-1'), key: 'sla-p1~0:50' }]);
    const rows = new Map<string, readonly string[] | undefined>();
    for await (const row of tickets.armingRows([1])) rows.set(row.ticketId, row.claimed);
    expect(rows).toEqual(new Map([['open-1', ['sla-p1~0:50', 'sla-p1~0:75']], ['legacy-1', undefined]]));
  });
});
