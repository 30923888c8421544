import { SlaErrorCode } from '../../../domain';
import { definition, HOUR, OFFICE, ticket } from '../../../domain/clock/test-fixtures/clock-fixtures';
import { NOW, slaHarness } from '../../test-fixtures/sla-fakes';
import { SlaDryRunHandler } from './sla-dry-run.handler';

async function setup() {
  const h = await slaHarness([OFFICE], [definition()]);
  // Opened two business hours ago: 2 of 8 hours used.
  h.tickets.put({ timeline: ticket().open(NOW - 2 * HOUR).build(), partition: 0, lastSequence: 1, open: true, clocks: [], due: [], version: 1 });
  return { ...h, handler: new SlaDryRunHandler(h.tickets, h.projector, h.policySet, h.clock) };
}

describe('SlaDryRunHandler', () => {
  it('shows what a shorter target would do to open tickets, and saves nothing', async () => {
    const { handler, tickets, timers, policies, policySet } = await setup();
    const result = await handler.execute({ proposal: { definition: definition({ targetMs: HOUR }) }, limit: 10 });
    expect(result).toMatchObject({ ticketsEvaluated: 1, ticketsAffected: 1, changed: 1, attached: 0, detached: 0, newlyBreached: 1, noLongerBreached: 0 });
    expect(result.changes).toHaveLength(1);
    expect(tickets.saved).toEqual([]);
    expect(timers.armed).toEqual([]);
    expect(policies.writes).toBe(0);
    expect(policies.current).toBe(0);
    expect(policySet.definition('sla-p2-resolution')?.value.targetMs).toBe(8 * HOUR);
  });

  it('lists at most `limit` changes but counts them all', async () => {
    const { handler } = await setup();
    const result = await handler.execute({ proposal: { definition: definition({ targetMs: HOUR }) }, limit: 0 });
    expect(result.changed).toBe(1);
    expect(result.changes).toEqual([]);
  });

  it('refuses an invalid proposal', async () => {
    const { handler } = await setup();
    await expect(handler.execute({ proposal: { definition: definition({ calendarId: 'nowhere' }) }, limit: 10 })).rejects.toMatchObject({ code: SlaErrorCode.CalendarNotFound });
    await expect(handler.execute({ proposal: { definition: definition({ targetMs: -1 }) }, limit: 10 })).rejects.toMatchObject({ code: SlaErrorCode.InvalidDefinition });
  });
});
