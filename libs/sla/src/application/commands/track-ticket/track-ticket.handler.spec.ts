import { slaTopic, TopicRegistry } from '@itsm/contracts';
import { definition, HOUR, OFFICE } from '../../../domain/clock/test-fixtures/clock-fixtures';
import { NOW, slaHarness } from '../../test-fixtures/sla-fakes';
import type { TicketChange } from './track-ticket.command';
import { appendChange, TrackTicketHandler } from './track-ticket.handler';

async function setup() {
  const h = await slaHarness([OFFICE], [definition()]);
  return { ...h, handler: new TrackTicketHandler(h.tickets, h.projector, h.timers) };
}

const opened: TicketChange = {
  ticketType: 'incident',
  ticketId: 'inc-7',
  sequence: 1,
  at: NOW - HOUR,
  opened: { number: 'INC0000007', callerId: 'user-1', configurationItemIds: [] },
  patch: { state: 'new', priority: 2, serviceId: null, customerOrgId: null, groupId: null, supplierOrgId: null },
};

describe('TrackTicketHandler', () => {
  it('follows an opened ticket into stored, armed clocks', async () => {
    const { handler, tickets, timers } = await setup();
    expect(await handler.execute({ change: opened, partition: 0 })).toBe('applied');
    const stored = await tickets.find('incident', 'inc-7');
    expect(stored).toMatchObject({ lastSequence: 1, open: true, version: 1 });
    expect(stored?.clocks.map((c) => c.definitionId)).toEqual(['sla-p2-resolution']);
    expect(timers.armed.map((a) => a.ticketId)).toEqual(['inc-7']);
  });

  it('changes nothing for a duplicate and ignores events of a ticket whose opening it never saw', async () => {
    const { handler, tickets } = await setup();
    await handler.execute({ change: opened, partition: 0 });
    expect(await handler.execute({ change: opened, partition: 0 })).toBe('duplicate');
    const { opened: _opened, ...withoutOpening } = opened;
    expect(await handler.execute({ change: { ...withoutOpening, ticketId: 'inc-8', sequence: 2 }, partition: 0 })).toBe('unknown_ticket');
    expect(tickets.saved).toHaveLength(1);
  });

  it('a settled ticket (closed, its firings pruned) owes nothing more when an event re-derives it; an unsettled one owes what it reached', async () => {
    const outcome = async (settled: boolean) => {
      const { handler, tickets, timers } = await setup();
      const long: TicketChange = { ...opened, at: NOW - 30 * 24 * HOUR };
      await handler.execute({ change: long, partition: 0 });
      const closed: TicketChange = { ...opened, sequence: 2, at: NOW - HOUR, patch: { ...opened.patch, state: 'closed' } };
      await handler.execute({ change: closed, partition: 0 });
      const stored = await tickets.find('incident', 'inc-7');
      if (stored === undefined) throw new Error('not stored');
      tickets.put({ ...stored, settled });
      const { opened: _o, ...note } = { ...closed, sequence: 3 };
      await handler.execute({ change: note, partition: 0 });
      return { due: timers.armed.at(-1)?.due.length ?? -1, stored: await tickets.find('incident', 'inc-7') };
    };
    const unsettled = await outcome(false);
    expect(unsettled.due).toBeGreaterThan(0);
    const settled = await outcome(true);
    expect(settled.due).toBe(0);
    expect(settled.stored).toMatchObject({ open: false, settled: true, lastSequence: 3 });
  });

  it("keeps who ordered a request for its caller; a history stored before the orderer was kept learns it from the ticket's next event", () => {
    const submitted: TicketChange = { ticketType: 'request', ticketId: 'req-1', sequence: 1, at: NOW, orderedById: 'p-ann', opened: { number: 'REQ0001000', callerId: 'p-bob', configurationItemIds: [] }, patch: { state: 'open' } };
    expect(appendChange(undefined, submitted)).toMatchObject({ callerId: 'p-bob', orderedById: 'p-ann' });
    const older = { ...appendChange(undefined, { ...submitted, orderedById: undefined }), orderedById: null };
    expect(older.orderedById).toBeNull();
    const { opened: _o, ...moved } = { ...submitted, sequence: 2, patch: { state: 'closed_complete' } };
    expect(appendChange(older, moved)).toMatchObject({ callerId: 'p-bob', orderedById: 'p-ann' });
    expect(appendChange(undefined, opened).orderedById).toBeNull();
  });

  it("writes each clock's lifecycle events into the ticket's outbox with the save that changes the clock: valid payloads, numbered in their own stream, once", async () => {
    const { handler, tickets, projector } = await setup();
    await handler.execute({ change: opened, partition: 0 });
    const { opened: _o, ...base } = opened;
    const resolved: TicketChange = { ...base, sequence: 2, at: NOW, patch: { ...opened.patch, state: 'resolved' } };
    await handler.execute({ change: resolved, partition: 0 });
    expect(await handler.execute({ change: resolved, partition: 0 })).toBe('duplicate');
    const stored = await tickets.find('incident', 'inc-7');
    if (stored === undefined) throw new Error('not stored');
    await projector.reproject(stored);
    expect(tickets.outbox.map((e) => [e.type, e.source, e.sequence, e.subject])).toEqual([
      ['itsm.sla.clock-started.v1', '/itsm/sla/lifecycle', 1, 'inc-7'],
      ['itsm.sla.clock-stopped.v1', '/itsm/sla/lifecycle', 2, 'inc-7'],
    ]);
    // Opened and resolved an hour apart on Monday 09:00-10:00 (office hours): 1 business hour of 8, met.
    expect(tickets.outbox[1]?.data).toMatchObject({ clockId: 'sla-p2-resolution#1', outcome: 'met', elapsedMs: HOUR, pausedMs: 0, stoppedAt: new Date(NOW).toISOString() });
    const registry = new TopicRegistry([slaTopic]);
    for (const e of tickets.outbox) expect(() => registry.validatePayload(slaTopic.name, e.type, e.data)).not.toThrow();
    expect((await tickets.find('incident', 'inc-7'))?.lifecycle).toEqual(['sla-p2-resolution#1:started', 'sla-p2-resolution#1:stopped:1']);
    expect(new Set(tickets.outbox.map((e) => e.id)).size).toBe(2);
  });

  it('cancels a live clock whose definition is deactivated (no_longer_applies) when the ticket is derived again, once', async () => {
    const { handler, tickets, projector, policies, policySet } = await setup();
    await handler.execute({ change: opened, partition: 0 });
    policies.seedDefinition({ ...definition(), active: false }, 2);
    await policies.bumpRevision();
    await policySet.refresh();
    for (let i = 0; i < 2; i += 1) {
      const stored = await tickets.find('incident', 'inc-7');
      if (stored === undefined) throw new Error('not stored');
      await projector.reproject(stored);
    }
    expect(tickets.outbox.map((e) => [e.type, e.sequence, (e.data as { reason?: string }).reason ?? null])).toEqual([
      ['itsm.sla.clock-started.v1', 1, null],
      ['itsm.sla.clock-canceled.v1', 2, 'no_longer_applies'],
    ]);
    // Opened an hour before the clock's NOW, derived as of its opening: nothing elapsed yet; canceled now.
    expect(tickets.outbox[1]?.data).toMatchObject({ clockId: 'sla-p2-resolution#1', elapsedMs: 0, canceledAt: new Date(NOW).toISOString() });
    const registry = new TopicRegistry([slaTopic]);
    expect(() => registry.validatePayload(slaTopic.name, 'itsm.sla.clock-canceled.v1', tickets.outbox[1]?.data)).not.toThrow();
  });
});
