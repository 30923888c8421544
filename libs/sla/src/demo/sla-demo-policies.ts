import type { INestApplicationContext } from '@nestjs/common';
import { ImportSlaHolidaysHandler } from '../application/commands/import-sla-holidays/import-sla-holidays.handler';
import { SaveSlaCalendarHandler } from '../application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from '../application/commands/save-sla-definition/save-sla-definition.handler';
import { SlaPolicySet } from '../application/sla-policy-set';
import type { ClockConditions, SlaDefinition } from '../domain';

const OFFICE = { start: '09:00', end: '17:00' };
const DAY = { start: '00:00', end: '24:00' };

/** German public holidays (Berlin) as an iCalendar feed: imported like an admin would. */
const BERLIN_HOLIDAYS_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//ITSM demo//Berlin holidays//EN',
  'BEGIN:VEVENT', 'UID:neujahr@demo', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY', 'SUMMARY:Neujahr', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:frauentag@demo', 'DTSTART;VALUE=DATE:20260308', 'RRULE:FREQ=YEARLY', 'SUMMARY:Internationaler Frauentag', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:karfreitag-2026@demo', 'DTSTART;VALUE=DATE:20260403', 'SUMMARY:Karfreitag', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:ostermontag-2026@demo', 'DTSTART;VALUE=DATE:20260406', 'SUMMARY:Ostermontag', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:maifeiertag@demo', 'DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY', 'SUMMARY:Tag der Arbeit', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:einheit@demo', 'DTSTART;VALUE=DATE:20261003', 'RRULE:FREQ=YEARLY', 'SUMMARY:Tag der Deutschen Einheit', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:weihnachten@demo', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261227', 'RRULE:FREQ=YEARLY', 'SUMMARY:Weihnachten', 'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const RESOLUTION: ClockConditions = { start: ['new', 'in_progress'], pause: ['on_hold'], resume: [], stop: ['resolved', 'closed'], cancel: ['canceled'], reset: [] };
const RESPONSE: ClockConditions = { start: ['new'], pause: [], resume: [], stop: ['in_progress', 'on_hold', 'resolved', 'closed'], cancel: ['canceled'], reset: [] };
/** A request runs from submission to its close; a task from its release to its close (pending: waiting for predecessors). */
const REQUEST_RESOLUTION: ClockConditions = { start: ['open'], pause: [], resume: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'], reset: [] };
const TASK_RESOLUTION: ClockConditions = { start: ['open', 'in_progress'], pause: [], resume: [], stop: ['closed_complete', 'closed_failed', 'closed_skipped'], cancel: ['canceled'], reset: [] };
const ANY = { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [] };

function definition(d: Pick<SlaDefinition, 'id' | 'name' | 'kind' | 'target' | 'scope' | 'targetMs' | 'calendarId'> & Partial<SlaDefinition>): SlaDefinition {
  return {
    ticketType: 'incident',
    appliesTo: ANY,
    conditions: d.target === 'response' ? RESPONSE : RESOLUTION,
    warningThresholds: [50, 75],
    timeZone: 'Europe/Berlin',
    timeZoneSource: 'definition',
    active: true,
    ...d,
  };
}

const HOUR = 3_600_000;

/** A policy set an enterprise would start from: office and 24x7 calendars, SLAs per priority, supplier UCs, a team OLA, a request SLA and a supplier task UC. */
export const DEMO_DEFINITIONS: readonly SlaDefinition[] = [
  definition({ id: 'sla-p1-resolution', name: 'P1 resolution 4 h (24x7)', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 4 * HOUR, calendarId: '24x7', appliesTo: { ...ANY, priorities: [1] } }),
  definition({ id: 'sla-p1-response', name: 'P1 response 15 min (24x7)', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: HOUR / 4, calendarId: '24x7', appliesTo: { ...ANY, priorities: [1] } }),
  definition({ id: 'sla-p2-resolution', name: 'P2 resolution 8 business hours', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 8 * HOUR, calendarId: 'berlin-office', appliesTo: { ...ANY, priorities: [2] } }),
  definition({ id: 'sla-p2-response', name: 'P2 response 1 business hour', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: HOUR, calendarId: 'berlin-office', appliesTo: { ...ANY, priorities: [2] } }),
  definition({ id: 'sla-p3-resolution', name: 'P3 resolution 24 business hours', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 24 * HOUR, calendarId: 'berlin-office', appliesTo: { ...ANY, priorities: [3] } }),
  definition({ id: 'sla-p4-resolution', name: 'P4/P5 resolution 40 business hours', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 40 * HOUR, calendarId: 'berlin-office', appliesTo: { ...ANY, priorities: [4, 5] } }),
  definition({
    id: 'uc-northwind-resolution',
    name: 'Northwind Networks UC: resolve within 4 business hours of assignment',
    kind: 'UC',
    target: 'resolution',
    scope: 'supplier_segment',
    targetMs: 4 * HOUR,
    calendarId: 'berlin-office',
    appliesTo: { ...ANY, supplierOrgIds: ['northwind-networks'] },
  }),
  definition({
    id: 'uc-tailspin-resolution',
    name: 'Tailspin Hosting UC: resolve within 6 hours of assignment (24x7)',
    kind: 'UC',
    target: 'resolution',
    scope: 'supplier_segment',
    targetMs: 6 * HOUR,
    calendarId: '24x7',
    appliesTo: { ...ANY, supplierOrgIds: ['tailspin-hosting'] },
  }),
  definition({
    id: 'ola-app-support-resolution',
    name: 'Application Support OLA: 16 business hours per assignment',
    kind: 'OLA',
    target: 'resolution',
    scope: 'group_segment',
    targetMs: 16 * HOUR,
    calendarId: 'berlin-office',
    appliesTo: { ...ANY, assignmentGroupIds: ['app-support'] },
  }),
  definition({ id: 'sla-request-resolution', name: 'Service request fulfilled within 40 business hours', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 40 * HOUR, calendarId: 'berlin-office', ticketType: 'request', conditions: REQUEST_RESOLUTION }),
  definition({
    id: 'uc-tailspin-task',
    name: 'Tailspin Hosting UC: fulfilment task done within 8 hours of release (24x7)',
    kind: 'UC',
    target: 'resolution',
    scope: 'supplier_segment',
    targetMs: 8 * HOUR,
    calendarId: '24x7',
    ticketType: 'task',
    conditions: TASK_RESOLUTION,
    appliesTo: { ...ANY, supplierOrgIds: ['tailspin-hosting'] },
  }),
];

/** Seeds the demo policy set when none exists (through the admin commands of `app`); answers whether it did. */
export async function seedDemoPolicies(app: Pick<INestApplicationContext, 'get'>, year: number): Promise<boolean> {
  const policySet = app.get(SlaPolicySet);
  await policySet.refresh();
  if (policySet.listCalendars().length > 0 || policySet.listDefinitions().length > 0) return false;
  const saveCalendar = app.get(SaveSlaCalendarHandler);
  const saveDefinition = app.get(SaveSlaDefinitionHandler);
  const by = 'system';
  await saveCalendar.execute({ by, calendar: { id: '24x7', name: '24 x 7', week: { mon: [DAY], tue: [DAY], wed: [DAY], thu: [DAY], fri: [DAY], sat: [DAY], sun: [DAY] }, holidays: [] }, expectedVersion: 0 });
  await saveCalendar.execute({ by, calendar: { id: 'berlin-office', name: 'Berlin office hours (Mon-Fri 09:00-17:00)', week: { mon: [OFFICE], tue: [OFFICE], wed: [OFFICE], thu: [OFFICE], fri: [OFFICE] }, holidays: [] }, expectedVersion: 0 });
  await app.get(ImportSlaHolidaysHandler).execute({ by, calendarId: 'berlin-office', ics: BERLIN_HOLIDAYS_ICS, fromYear: year, toYear: year + 2, expectedVersion: 1 });
  for (const d of DEMO_DEFINITIONS) await saveDefinition.execute({ by, definition: d, expectedVersion: 0 });
  return true;
}
