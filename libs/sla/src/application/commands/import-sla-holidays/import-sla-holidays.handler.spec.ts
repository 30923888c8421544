import { SlaErrorCode } from '../../../domain';
import { OFFICE } from '../../../domain/clock/test-fixtures/clock-fixtures';
import { slaHarness } from '../../test-fixtures/sla-fakes';
import { SaveSlaCalendarHandler } from '../save-sla-calendar/save-sla-calendar.handler';
import { ImportSlaHolidaysHandler } from './import-sla-holidays.handler';

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:h1', 'DTSTART;VALUE=DATE:20310501', 'SUMMARY:Labour Day', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

async function setup() {
  const h = await slaHarness([OFFICE]);
  return { ...h, handler: new ImportSlaHolidaysHandler(h.policySet, new SaveSlaCalendarHandler(h.policies, h.policySet, h.clock)) };
}

describe('ImportSlaHolidaysHandler', () => {
  it('saves the calendar with the imported holidays added', async () => {
    const { handler, policies } = await setup();
    const result = await handler.execute({ by: 'admin-1', calendarId: OFFICE.id, ics: ICS, fromYear: 2031, toYear: 2031, expectedVersion: 1 });
    expect(result.imported).toBe(1);
    expect(result.calendar.version).toBe(2);
    expect(policies.calendars.get(OFFICE.id)?.value.holidays).toEqual([expect.objectContaining({ date: '2031-05-01', name: 'Labour Day' })]);
  });

  it('answers SLA.CALENDAR_NOT_FOUND for an unknown calendar', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', calendarId: 'nowhere', ics: ICS, fromYear: 2031, toYear: 2031, expectedVersion: 1 })).rejects.toMatchObject({
      code: SlaErrorCode.CalendarNotFound,
    });
    expect(policies.writes).toBe(0);
  });

  it('refuses a stale expectedVersion with SLA.CONFLICT and writes nothing', async () => {
    const { handler, policies } = await setup();
    await expect(handler.execute({ by: 'admin-1', calendarId: OFFICE.id, ics: ICS, fromYear: 2031, toYear: 2031, expectedVersion: 3 })).rejects.toMatchObject({
      code: SlaErrorCode.Conflict,
    });
    expect(policies.writes).toBe(0);
  });
});
