import type { BusinessCalendarSpec } from '../../../domain';
import { SlaErrorCode } from '../../../domain';
import { OFFICE } from '../../../domain/clock/test-fixtures/clock-fixtures';
import { NOW, slaHarness } from '../../test-fixtures/sla-fakes';
import { SaveSlaCalendarHandler } from './save-sla-calendar.handler';

async function setup() {
  const h = await slaHarness([OFFICE]);
  return { ...h, handler: new SaveSlaCalendarHandler(h.policies, h.policySet, h.clock) };
}

const renamed: BusinessCalendarSpec = { ...OFFICE, name: 'Office hours (renamed)' };

describe('SaveSlaCalendarHandler', () => {
  it('saves the version read, bumps the revision and puts the calendar in force here at once', async () => {
    const { handler, policies, policySet } = await setup();
    const saved = await handler.execute({ by: 'admin-1', calendar: renamed, expectedVersion: 1 });
    expect(saved).toEqual({ value: renamed, version: 2, updatedBy: 'admin-1', updatedAt: new Date(NOW) });
    expect(policies.calendars.get(OFFICE.id)?.version).toBe(2);
    expect(policies.current).toBe(1);
    expect(policySet.calendar(OFFICE.id)?.value.name).toBe('Office hours (renamed)');
  });

  it('refuses a stale expectedVersion with SLA.CONFLICT and writes nothing', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', calendar: renamed, expectedVersion: 0 })).rejects.toMatchObject({ code: SlaErrorCode.Conflict });
    expect(policies.writes).toBe(0);
    expect(policies.current).toBe(0);
    expect(policies.calendars.get(OFFICE.id)?.value).toEqual(OFFICE);
  });

  it('answers SLA.CONFLICT when another replica saved first', async () => {
    const { handler, policies } = await setup();
    policies.loseNextSave = true;
    await expect(handler.execute({ by: 'admin-1', calendar: renamed, expectedVersion: 1 })).rejects.toMatchObject({ code: SlaErrorCode.Conflict });
    expect(policies.current).toBe(0);
  });

  it('refuses an invalid calendar before anything is written', async () => {
    const { handler, policies } = await setup();
    const invalid = { ...OFFICE, id: 'broken', week: { mon: [{ start: '17:00', end: '09:00' }] } };
    await expect(handler.execute({ by: 'admin-1', calendar: invalid, expectedVersion: 0 })).rejects.toMatchObject({ code: SlaErrorCode.InvalidCalendar });
    expect(policies.writes).toBe(0);
  });

  it('refuses a negative expectedVersion as invalid input', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', calendar: renamed, expectedVersion: -1 })).rejects.toMatchObject({ code: SlaErrorCode.InvalidInput });
    expect(policies.writes).toBe(0);
  });
});
