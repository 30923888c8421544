import type { BusinessCalendarSpec, ClockChange, SlaClock, SlaDefinition } from '../domain';
import { WEEKDAYS } from '../domain';
import type { Versioned } from '../persistence';
import type { BusinessCalendarInput, SlaDefinitionInput } from './sla.inputs';
import type { BusinessCalendarGql, ClockChangeGql, SlaClockGql, SlaDefinitionGql } from './sla.types';

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function toClockGql(c: SlaClock): SlaClockGql {
  return {
    clockId: c.clockId,
    definitionId: c.definitionId,
    definitionName: c.definitionName,
    kind: c.kind,
    target: c.target,
    scope: c.scope,
    segment: c.segment,
    stage: c.stage,
    running: c.running,
    hasBreached: c.hasBreached,
    startedAt: new Date(c.startedAt),
    stoppedAt: date(c.stoppedAt),
    cancelledAt: date(c.cancelledAt),
    cancelReason: c.cancelReason,
    targetSeconds: c.targetMs / 1000,
    elapsedSeconds: c.elapsedMs / 1000,
    remainingSeconds: c.remainingMs / 1000,
    pausedSeconds: c.pausedMs / 1000,
    elapsedPercent: Math.round((c.elapsedMs / c.targetMs) * 10_000) / 100,
    breachAt: date(c.breachAt),
    originalBreachAt: new Date(c.originalBreachAt),
    breachedAt: date(c.breachedAt),
    thresholds: c.thresholds.map((t) => ({ percent: t.percent, reachedAt: date(t.reachedAt), dueAt: date(t.dueAt) })),
    calendarId: c.calendarId,
    timeZone: c.timeZone,
    asOf: new Date(c.asOf),
  };
}

export function toCalendarGql(c: Versioned<BusinessCalendarSpec>): BusinessCalendarGql {
  return {
    id: c.value.id,
    name: c.value.name,
    week: WEEKDAYS.filter((d) => (c.value.week[d]?.length ?? 0) > 0).map((day) => ({ day, intervals: [...(c.value.week[day] ?? [])] })),
    holidays: [...c.value.holidays],
    version: c.version,
    updatedBy: c.updatedBy,
    updatedAt: c.updatedAt,
  };
}

export function toCalendarSpec(input: BusinessCalendarInput): BusinessCalendarSpec {
  const week: Record<string, { start: string; end: string }[]> = {};
  for (const day of input.week) week[day.day] = [...(week[day.day] ?? []), ...day.intervals.map((i) => ({ start: i.start, end: i.end }))];
  return { id: input.id, name: input.name, week, holidays: input.holidays.map((h) => ({ date: h.date, name: h.name })) };
}

export function toDefinitionGql(d: Versioned<SlaDefinition>): SlaDefinitionGql {
  const v = d.value;
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    ticketType: v.ticketType,
    target: v.target,
    scope: v.scope,
    targetMinutes: Math.round(v.targetMs / 60_000),
    appliesTo: {
      priorities: [...v.appliesTo.priorities],
      serviceIds: [...v.appliesTo.serviceIds],
      customerOrgIds: [...v.appliesTo.customerOrgIds],
      supplierOrgIds: [...v.appliesTo.supplierOrgIds],
      assignmentGroupIds: [...v.appliesTo.assignmentGroupIds],
      offeringIds: [...v.appliesTo.offeringIds],
      catalogItemIds: [...v.appliesTo.catalogItemIds],
    },
    conditions: {
      start: [...v.conditions.start],
      pause: [...v.conditions.pause],
      resume: [...v.conditions.resume],
      stop: [...v.conditions.stop],
      cancel: [...v.conditions.cancel],
      reset: [...v.conditions.reset],
    },
    warningThresholds: [...v.warningThresholds],
    calendarId: v.calendarId,
    timeZone: v.timeZone,
    timeZoneSource: v.timeZoneSource,
    active: v.active,
    version: d.version,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt,
  };
}

export function toDefinition(input: SlaDefinitionInput): SlaDefinition {
  return {
    id: input.id,
    name: input.name,
    kind: input.kind,
    ticketType: input.ticketType,
    target: input.target,
    scope: input.scope,
    targetMs: input.targetMinutes * 60_000,
    appliesTo: input.appliesTo,
    conditions: input.conditions,
    warningThresholds: input.warningThresholds,
    calendarId: input.calendarId,
    timeZone: input.timeZone,
    timeZoneSource: input.timeZoneSource,
    active: input.active,
  };
}

export function toClockChangeGql(c: ClockChange): ClockChangeGql {
  return {
    ticketId: c.ticketId,
    number: c.number,
    definitionId: c.definitionId,
    clockId: c.clockId,
    change: c.change,
    before: c.before === null ? null : toClockGql(c.before),
    after: c.after === null ? null : toClockGql(c.after),
  };
}
