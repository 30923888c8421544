import { SlaErrorCode } from '../../../domain';
import { definition, OFFICE } from '../../../domain/clock/test-fixtures/clock-fixtures';
import { slaHarness } from '../../test-fixtures/sla-fakes';
import { SaveSlaDefinitionHandler } from './save-sla-definition.handler';

async function setup() {
  const h = await slaHarness([OFFICE], [definition()]);
  return { ...h, handler: new SaveSlaDefinitionHandler(h.policies, h.policySet, h.clock) };
}

describe('SaveSlaDefinitionHandler', () => {
  it('creates a definition at version 1 and puts it in force', async () => {
    const { handler, policies, policySet } = await setup();
    const created = definition({ id: 'sla-p1-resolution', name: 'P1 resolution', targetMs: 4 * 3_600_000 });
    const saved = await handler.execute({ by: 'admin-1', definition: created, expectedVersion: 0 });
    expect(saved.version).toBe(1);
    expect(policies.definitions.get('sla-p1-resolution')?.version).toBe(1);
    expect(policySet.activeDefinitions().map((d) => d.id).sort()).toEqual(['sla-p1-resolution', 'sla-p2-resolution']);
  });

  it('refuses a stale expectedVersion with SLA.CONFLICT and writes nothing', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', definition: definition({ targetMs: 3_600_000 }), expectedVersion: 2 })).rejects.toMatchObject({ code: SlaErrorCode.Conflict });
    expect(policies.writes).toBe(0);
    expect(policies.definitions.get('sla-p2-resolution')?.value.targetMs).toBe(8 * 3_600_000);
  });

  it('refuses a definition on a calendar that does not exist, and an invalid one, before anything is written', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', definition: definition({ id: 'x', calendarId: 'nowhere' }), expectedVersion: 0 })).rejects.toMatchObject({
      code: SlaErrorCode.CalendarNotFound,
    });
    await expect(handler.execute({ by: 'admin-1', definition: definition({ id: 'y', targetMs: 0 }), expectedVersion: 0 })).rejects.toMatchObject({
      code: SlaErrorCode.InvalidDefinition,
    });
    expect(policies.writes).toBe(0);
  });
});
