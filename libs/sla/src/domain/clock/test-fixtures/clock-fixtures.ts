/**
 * Spec-only builders for the clock specs: ticket histories written as local wall times, SLA
 * definitions with ITSM-typical conditions, and a calendar look-up. Imported by specs only.
 */
import type { BusinessCalendarSpec, CompiledCalendar, TimeOfDayInterval } from '../../calendar';
import { ALWAYS_OPEN, compileCalendar, localToUtc } from '../../calendar';
import type { ClockConditions, SlaDefinition } from '../../definition/sla-definition';
import type { ClockInputs, SlaClock } from '../derive-clocks';
import { deriveClocks } from '../derive-clocks';
import type { TicketFact, TicketTimeline, TicketZones } from '../ticket-timeline';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const BERLIN = 'Europe/Berlin';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** 'YYYY-MM-DD HH:MM' local wall time in `zone` to epoch ms. */
export function local(text: string, zone: string = BERLIN): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  return localToUtc(zone, y, m, d, hh * 60 + mm);
}

const nineToFive: readonly TimeOfDayInterval[] = [{ start: '09:00', end: '17:00' }];

/** Mon-Fri 09:00-17:00, no holidays. */
export const OFFICE: BusinessCalendarSpec = {
  id: 'office',
  name: 'Office hours',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: [],
};

/** Around the clock but with one holiday, so it compiles to the zoned (not the always-open) calendar. */
export const AROUND_THE_CLOCK_WITH_HOLIDAY: BusinessCalendarSpec = {
  ...ALWAYS_OPEN,
  id: '24x7-holiday',
  name: '24x7 except New Year',
  holidays: [{ date: '2027-01-01', name: 'New Year' }],
};

const SPECS: readonly BusinessCalendarSpec[] = [OFFICE, ALWAYS_OPEN, AROUND_THE_CLOCK_WITH_HOLIDAY];

/** Compiles each (calendar, zone) once, like the real engine's cache; records the look-ups. */
export function calendarLookup(): ClockInputs['calendarFor'] & { readonly calls: string[] } {
  const compiled = new Map<string, CompiledCalendar>();
  const calls: string[] = [];
  const lookup = (calendarId: string, timeZone: string): CompiledCalendar => {
    calls.push(`${calendarId}|${timeZone}`);
    const key = `${calendarId}|${timeZone}`;
    const cached = compiled.get(key);
    if (cached !== undefined) return cached;
    const spec = SPECS.find((s) => s.id === calendarId);
    if (spec === undefined) throw new Error(`no calendar ${calendarId} in the fixture`);
    const calendar = compileCalendar(spec, timeZone);
    compiled.set(key, calendar);
    return calendar;
  };
  return Object.assign(lookup, { calls });
}

export const calendarExists = (id: string): boolean => SPECS.some((s) => s.id === id);

/** Resolution: runs while new/in progress, pauses on hold, stops when resolved or closed. */
export const RESOLUTION_CONDITIONS: ClockConditions = {
  start: ['new', 'in_progress'],
  pause: ['on_hold'],
  resume: [],
  stop: ['resolved', 'closed'],
  cancel: ['canceled'],
  reset: [],
};

/** Response: runs while new, stops when someone owns the ticket (or it moves on otherwise). */
export const RESPONSE_CONDITIONS: ClockConditions = {
  start: ['new'],
  pause: [],
  resume: [],
  stop: ['in_progress', 'on_hold', 'resolved', 'closed'],
  cancel: ['canceled'],
  reset: [],
};

export type DefinitionOverrides = Partial<Omit<SlaDefinition, 'appliesTo' | 'conditions'>> & {
  readonly appliesTo?: Partial<SlaDefinition['appliesTo']>;
  readonly conditions?: Partial<ClockConditions>;
};

/** A valid P2 incident resolution SLA on office hours in Berlin, 8 business hours; override freely. */
export function definition(overrides: DefinitionOverrides = {}): SlaDefinition {
  const { appliesTo, conditions, ...rest } = overrides;
  return {
    id: 'sla-p2-resolution',
    name: 'P2 resolution',
    kind: 'SLA',
    ticketType: 'incident',
    target: 'resolution',
    scope: 'ticket',
    targetMs: 8 * HOUR,
    warningThresholds: [50, 75],
    calendarId: OFFICE.id,
    timeZone: BERLIN,
    timeZoneSource: 'definition',
    active: true,
    ...rest,
    appliesTo: { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [], ...appliesTo },
    conditions: { ...RESOLUTION_CONDITIONS, ...conditions },
  };
}

export type FactChange = Partial<Omit<TicketFact, 'sequence' | 'at'>>;
type When = string | number;

/**
 * Builds a ticket history: `open` writes the first fact, each `then` appends a fact that carries
 * the previous attributes over with `change` applied. Times are local wall times in `zone`, or
 * epoch ms.
 */
export class TimelineBuilder {
  private readonly facts: TicketFact[] = [];

  constructor(
    private readonly zone: string = BERLIN,
    private readonly ticketId = 'inc-1',
  ) {}

  open(when: When, change: FactChange = {}): this {
    this.facts.length = 0;
    this.facts.push({
      sequence: 1,
      at: this.instant(when),
      state: 'new',
      priority: 2,
      serviceId: 'svc-email',
      customerOrgId: 'org-acme',
      groupId: 'grp-service-desk',
      supplierOrgId: null,
      offeringId: null,
      catalogItemId: null,
      ...change,
    });
    return this;
  }

  then(when: When, change: FactChange): this {
    const last = this.facts[this.facts.length - 1];
    if (last === undefined) throw new Error('open the ticket first');
    this.facts.push({ ...last, ...change, sequence: last.sequence + 1, at: this.instant(when) });
    return this;
  }

  build(): TicketTimeline {
    return {
      ticketType: 'incident',
      ticketId: this.ticketId,
      number: 'INC0000001',
      callerId: 'user-caller',
      orderedById: null,
      configurationItemIds: [],
      facts: this.facts.map((fact) => ({ ...fact })),
    };
  }

  private instant(when: When): number {
    return typeof when === 'number' ? when : local(when, this.zone);
  }
}

export const ticket = (zone: string = BERLIN): TimelineBuilder => new TimelineBuilder(zone);

export const NO_ZONES: TicketZones = { caller: null, configurationItem: null };

export function derive(
  timeline: TicketTimeline,
  definitions: readonly SlaDefinition[],
  asOf: number,
  zones: TicketZones = NO_ZONES,
): SlaClock[] {
  return deriveClocks(timeline, { definitions, calendarFor: calendarLookup(), zones }, asOf);
}

/** The one clock of `definitionId` (fails the test when there is not exactly one). */
export function onlyClock(clocks: readonly SlaClock[], definitionId: string): SlaClock {
  const found = clocks.filter((c) => c.definitionId === definitionId);
  if (found.length !== 1) throw new Error(`expected one clock of ${definitionId}, got ${found.map((c) => c.clockId).join(', ') || 'none'}`);
  return found[0] as SlaClock;
}

/** Thresholds as readable ISO instants: [percent, reachedAt, dueAt]. */
export function thresholdsOf(clock: SlaClock): [number, string | null, string | null][] {
  return clock.thresholds.map((t) => [t.percent, iso(t.reachedAt), iso(t.dueAt)]);
}
