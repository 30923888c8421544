import type { INestApplicationContext } from '@nestjs/common';
import { ImportSlaHolidaysHandler } from '../application/commands/import-sla-holidays/import-sla-holidays.handler';
import { SaveSlaCalendarHandler } from '../application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from '../application/commands/save-sla-definition/save-sla-definition.handler';
import { SlaPolicySet } from '../application/sla-policy-set';
import { slaHarness } from '../application/test-fixtures/sla-fakes';
import { DEMO_DEFINITIONS, seedDemoPolicies } from './sla-demo-policies';

async function app() {
  const h = await slaHarness();
  const saveCalendar = new SaveSlaCalendarHandler(h.policies, h.policySet, h.clock);
  const instances = new Map<unknown, unknown>([
    [SlaPolicySet, h.policySet],
    [SaveSlaCalendarHandler, saveCalendar],
    [ImportSlaHolidaysHandler, new ImportSlaHolidaysHandler(h.policySet, saveCalendar)],
    [SaveSlaDefinitionHandler, new SaveSlaDefinitionHandler(h.policies, h.policySet, h.clock)],
  ]);
  const get = ((type: unknown) => instances.get(type)) as INestApplicationContext['get'];
  return { ...h, app: { get } };
}

describe('seedDemoPolicies', () => {
  it('seeds the demo calendars (with imported holidays) and definitions once', async () => {
    const { app: context, policies } = await app();
    expect(await seedDemoPolicies(context, 2031)).toBe(true);
    expect([...policies.calendars.keys()].sort()).toEqual(['24x7', 'berlin-office']);
    expect(policies.calendars.get('berlin-office')?.version).toBe(2);
    expect(policies.calendars.get('berlin-office')?.value.holidays.length).toBeGreaterThan(0);
    expect(policies.definitions.size).toBe(DEMO_DEFINITIONS.length);
    expect(await seedDemoPolicies(context, 2031)).toBe(false);
  });
});
