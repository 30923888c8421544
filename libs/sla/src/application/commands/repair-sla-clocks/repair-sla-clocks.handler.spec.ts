import { SlaErrorCode } from '../../../domain';
import { definition, HOUR, OFFICE, ticket } from '../../../domain/clock/test-fixtures/clock-fixtures';
import type { SlaTicket } from '../../../persistence';
import { NOW, slaHarness } from '../../test-fixtures/sla-fakes';
import { RepairSlaClocksHandler } from './repair-sla-clocks.handler';

async function setup() {
  const h = await slaHarness([OFFICE], [definition()]);
  return { ...h, handler: new RepairSlaClocksHandler(h.tickets, h.projector, h.clock) };
}

/** Opened an hour ago (10:00 Berlin, a Monday); stored without clocks, as if derived wrongly. */
const stale = (): SlaTicket => ({ timeline: ticket().open(NOW - HOUR).build(), partition: 0, lastSequence: 1, open: true, clocks: [], due: [], version: 1 });

describe('RepairSlaClocksHandler', () => {
  it('derives the clocks again from the unchanged history, stores and arms them, answers them live', async () => {
    const { handler, tickets, timers } = await setup();
    tickets.put(stale());
    const clocks = await handler.execute({ ticketType: 'incident', ticketId: 'inc-1' });
    expect(clocks.map((c) => [c.definitionId, c.elapsedMs])).toEqual([['sla-p2-resolution', HOUR]]);
    const stored = await tickets.find('incident', 'inc-1');
    expect(stored?.version).toBe(2);
    expect(stored?.timeline).toEqual(stale().timeline);
    expect(stored?.clocks.map((c) => c.definitionId)).toEqual(['sla-p2-resolution']);
    expect(stored?.due.map((d) => d.percent)).toEqual([50, 75, 100]);
    expect(timers.armed).toEqual([expect.objectContaining({ ticketId: 'inc-1', open: true, due: stored?.due })]);
  });

  it('answers SLA.NOT_FOUND for a ticket it never followed', async () => {
    const { handler, tickets } = await setup();
    await expect(handler.execute({ ticketType: 'incident', ticketId: 'inc-404' })).rejects.toMatchObject({ code: SlaErrorCode.NotFound });
    expect(tickets.saved).toEqual([]);
  });
});
