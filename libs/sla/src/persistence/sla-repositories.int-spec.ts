import { createEnvelope } from '@itsm/contracts';
import { connectContext, MongoOutboxStore, objectIdFromKey, PersistenceError } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { SlaClock, TicketTimeline } from '../domain';
import { SlaFiringRepository } from './sla-firing.repository';
import { SlaTicketRepository, slaTicketSchema, ticketKey } from './sla-ticket.repository';

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

  it('re-arm reads a document stored before the re-arm snapshot from its fields, and a save replaces them with the snapshot', async () => {
    const due = { key: 'sla-p1~0:50', clockId: 'sla-p1#1', percent: 50, dueAt: T + 30_000, projected: false };
    const meta = { clockId: 'sla-p1#1', definitionId: 'sla-p1', definitionName: 'P1', kind: 'SLA', target: 'resolution', targetMs: 3_600_000, segment: null };
    const _id = objectIdFromKey('sla-ticket', 'incident', 'older-2');
    const older = { _id, ticketType: 'incident', ticketId: 'older-2', number: 'INC-older-2', callerId: 'u', configurationItemIds: [], partition: 2, facts: [], lastSequence: 1, open: true, clocks: [clock], due: [due], version: 1 };
    await connection.collection('sla_tickets').insertMany([{ ...older, clockMeta: [meta] }, { ...older, _id: objectIdFromKey('sla-ticket', 'incident', 'older-3'), ticketId: 'older-3', arming: '[1, "damaged' }]);
    const rows = [];
    for await (const row of tickets.armingRows([2])) rows.push(row);
    expect(rows.map((r) => [r.ticketId, r.clocks, r.due])).toEqual([
      ['older-2', [meta], [due]],
      ['older-3', [meta], [due]],
    ]);
    const stored = await tickets.find('incident', 'older-2');
    if (stored === undefined) throw new Error('older-2 missing');
    await tickets.save(stored);
    const saved = await connection.collection('sla_tickets').findOne({ _id });
    expect(saved).not.toHaveProperty('clockMeta');
    expect(typeof saved?.['arming']).toBe('string');
    const again = [];
    for await (const row of tickets.armingRows([2])) if (row.ticketId === 'older-2') again.push([row.clocks, row.due]);
    expect(again).toEqual([[[meta], [due]]]);
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

  it("writes lifecycle events into the ticket's outbox with the save itself: the relay's store finds them, a lost race writes none, a later save appends", async () => {
    let commits = 0;
    const writer = new SlaTicketRepository(connection, () => (commits += 1));
    const outbox = new MongoOutboxStore('itsm.sla.v1', connection.model('SlaTicketOutboxSpec', slaTicketSchema) as unknown as Model<AggregateDocumentMeta>);
    const event = (sequence: number) => createEnvelope({ id: `life-${sequence}`, source: '/itsm/sla/lifecycle', type: 'itsm.sla.clock-started.v1', subject: 'life-1', time: new Date(T), data: {}, sequence, correlationid: 'c' });
    const ticket = { timeline: timeline('life-1'), partition: 3, lastSequence: 1, open: true, clocks: [clock], due: [], lifecycle: ['sla-p1#1:started'], version: 0 };
    expect(await writer.save(ticket, [event(1)])).toBe(1);
    const pending = (await outbox.pending(100)).filter((p) => p.events.some((e) => e.subject === 'life-1'));
    expect(pending.map((p) => [p.version, p.events.map((e) => e.id)])).toEqual([[1, ['life-1']]]);
    // A writer that read version 0 loses: neither its state nor its events are written.
    await expect(writer.save({ ...ticket, lastSequence: 2 }, [event(2)])).rejects.toBeInstanceOf(PersistenceError);
    // Saved again before the relay marks the first published: the relay clears only what it published.
    expect(await writer.save({ ...ticket, lastSequence: 2, lifecycle: ['sla-p1#1:started', 'sla-p1#1:stopped:1'], version: 1 }, [event(2)])).toBe(2);
    await outbox.markPublished(pending[0]!);
    const after = (await outbox.pending(100)).filter((p) => p.events.some((e) => e.subject === 'life-1'));
    expect(after.map((p) => p.events.map((e) => e.id))).toEqual([['life-2']]);
    expect((await writer.find('incident', 'life-1'))?.lifecycle).toEqual(['sla-p1#1:started', 'sla-p1#1:stopped:1']);
    expect(commits).toBe(2);
  });
});
