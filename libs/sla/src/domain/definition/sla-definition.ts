import { SlaError, SlaErrorCode } from '../sla.errors';
import { assertTimeZone } from '../calendar';

/** The agreement a clock measures: to the customer, between internal teams, or with a supplier. */
export const AGREEMENT_KINDS = ['SLA', 'OLA', 'UC'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
/** The tickets clocks run on: incidents, and service requests with their requested items and fulfilment tasks. */
export const TICKET_TYPES = ['incident', 'request', 'requested_item', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
/** Where the working hours are read: the definition's own zone, the caller's, or the first CI's location. */
export const TIME_ZONE_SOURCES = ['definition', 'caller', 'configuration_item'] as const;
export type TimeZoneSource = (typeof TIME_ZONE_SOURCES)[number];
/** Whose IANA time zone is recorded for `caller` and `configuration_item` sources. */
export const TIME_ZONE_SUBJECTS = ['user', 'configuration_item'] as const;
export type TimeZoneSubject = (typeof TIME_ZONE_SUBJECTS)[number];
/** End-to-end clocks run for the ticket; segment clocks run once per assignment segment (GLPI #1911). */
export const CLOCK_SCOPES = ['ticket', 'supplier_segment', 'group_segment'] as const;
export type ClockScope = (typeof CLOCK_SCOPES)[number];

/**
 * The states a definition's conditions name, per ticket type: an incident's own, and for requests,
 * requested items and fulfilment tasks the states `itsm.request.v1` carries, unchanged (see
 * request-ticket-changes.ts for how the events map onto them).
 */
export const TICKET_STATES: Readonly<Record<TicketType, readonly string[]>> = {
  incident: ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'],
  request: ['open', 'closed_complete', 'closed_incomplete', 'canceled'],
  requested_item: ['awaiting_approval', 'approved', 'in_fulfilment', 'closed_complete', 'closed_incomplete', 'canceled', 'rejected'],
  task: ['pending', 'open', 'in_progress', 'closed_complete', 'closed_failed', 'closed_skipped', 'canceled'],
};

/** The states in which a ticket is over: it owes no more emissions once settled, and a restart does not re-arm it. */
export const FINAL_TICKET_STATES: Readonly<Record<TicketType, readonly string[]>> = {
  incident: ['closed', 'canceled'],
  request: ['closed_complete', 'closed_incomplete', 'canceled'],
  requested_item: ['closed_complete', 'closed_incomplete', 'canceled', 'rejected'],
  task: ['closed_complete', 'closed_failed', 'closed_skipped', 'canceled'],
};

export type ApplicabilityField = keyof Applicability;

/**
 * What each ticket type's facts carry, so what a definition for it may be restricted by: a request
 * has no priority and spans items (only its requested-for organisation); a requested item has its
 * service, offering and catalogue item but no group; a task adds its group and, for a supplier
 * group, the supplier organisation. An incident has no offering or catalogue item.
 */
export const APPLICABLE_FIELDS: Readonly<Record<TicketType, readonly ApplicabilityField[]>> = {
  incident: ['priorities', 'serviceIds', 'customerOrgIds', 'supplierOrgIds', 'assignmentGroupIds'],
  request: ['customerOrgIds'],
  requested_item: ['serviceIds', 'offeringIds', 'catalogItemIds', 'customerOrgIds'],
  task: ['serviceIds', 'offeringIds', 'catalogItemIds', 'customerOrgIds', 'supplierOrgIds', 'assignmentGroupIds'],
};

/** Segment clocks need assignments: incidents and tasks have them. */
const SEGMENTED_TICKET_TYPES: readonly TicketType[] = ['incident', 'task'];

/** Each action is the set of ticket states that triggers it. */
export interface ClockConditions {
  readonly start: readonly string[];
  readonly pause: readonly string[];
  /** States that resume a paused clock; empty = any state outside pause, stop and cancel. */
  readonly resume: readonly string[];
  readonly stop: readonly string[];
  readonly cancel: readonly string[];
  /** Entering one of these restarts the clock from zero (a new attempt); never a stop or cancel state. */
  readonly reset: readonly string[];
}

/** Empty lists match anything. */
export interface Applicability {
  readonly priorities: readonly number[];
  readonly serviceIds: readonly string[];
  readonly customerOrgIds: readonly string[];
  readonly supplierOrgIds: readonly string[];
  readonly assignmentGroupIds: readonly string[];
  /** Service offerings (requested items and their tasks). */
  readonly offeringIds: readonly string[];
  /** Catalogue items (requested items and their tasks). */
  readonly catalogItemIds: readonly string[];
}

export const APPLICABILITY_FIELDS: readonly ApplicabilityField[] = ['priorities', 'serviceIds', 'customerOrgIds', 'supplierOrgIds', 'assignmentGroupIds', 'offeringIds', 'catalogItemIds'];

export interface SlaDefinition {
  readonly id: string;
  readonly name: string;
  readonly kind: AgreementKind;
  readonly ticketType: TicketType;
  readonly target: SlaTarget;
  readonly scope: ClockScope;
  /** The business time allowed, in milliseconds. */
  readonly targetMs: number;
  readonly appliesTo: Applicability;
  readonly conditions: ClockConditions;
  /** Percentages of the target at which a warning is emitted, ascending, each in 1..99. */
  readonly warningThresholds: readonly number[];
  readonly calendarId: string;
  readonly timeZone: string;
  readonly timeZoneSource: TimeZoneSource;
  readonly active: boolean;
}

export const DEFAULT_WARNING_THRESHOLDS: readonly number[] = [50, 75];
const MAX_TARGET_MS = 366 * 24 * 3_600_000;

function invalid(field: string, message: string, details: Record<string, string | number> = {}): SlaError {
  return new SlaError(SlaErrorCode.InvalidDefinition, `Invalid SLA definition: ${field}: ${message}`, { field, ...details });
}

function uniqueSorted<T extends string | number>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Checks a definition against the rules a clock needs to be meaningful and returns a normalised
 * copy; `calendarExists` says whether `calendarId` names a saved calendar.
 */
export function validateDefinition(definition: SlaDefinition, calendarExists: (id: string) => boolean): SlaDefinition {
  if (definition.id.trim() === '') throw invalid('id', 'must not be empty');
  if (definition.name.trim() === '' || definition.name.length > 200) throw invalid('name', 'must be 1..200 characters');
  const states = TICKET_STATES[definition.ticketType];
  if (states === undefined) throw invalid('ticketType', `unknown ticket type "${String(definition.ticketType)}"`);
  if (!Number.isInteger(definition.targetMs) || definition.targetMs < 60_000 || definition.targetMs > MAX_TARGET_MS) {
    throw invalid('targetMs', 'must be a whole number of milliseconds between 1 minute and 366 days', { value: definition.targetMs });
  }
  for (const field of APPLICABILITY_FIELDS) {
    if (definition.appliesTo[field].length > 0 && !APPLICABLE_FIELDS[definition.ticketType].includes(field)) {
      throw invalid(`appliesTo.${field}`, `a ${definition.ticketType} carries no such attribute (applicable: ${APPLICABLE_FIELDS[definition.ticketType].join(', ')})`, { ticketType: definition.ticketType });
    }
  }
  if (definition.scope !== 'ticket' && !SEGMENTED_TICKET_TYPES.includes(definition.ticketType)) {
    throw invalid('scope', `a ${definition.ticketType} has no assignment segments (segment clocks run on ${SEGMENTED_TICKET_TYPES.join(', ')})`, { ticketType: definition.ticketType });
  }
  if (definition.scope === 'supplier_segment' && definition.kind !== 'UC') {
    throw invalid('scope', 'supplier segments are measured by underpinning contracts (kind UC)');
  }
  if (definition.scope === 'supplier_segment' && definition.appliesTo.supplierOrgIds.length === 0) {
    // Internal teams' groups also carry an organisation: an unrestricted UC would time them too.
    throw invalid('appliesTo.supplierOrgIds', 'an underpinning contract names the supplier organisation(s) it binds');
  }
  if (definition.scope === 'group_segment' && definition.kind !== 'OLA') {
    throw invalid('scope', 'assignment-group segments are measured by operational level agreements (kind OLA)');
  }
  const conditions = normaliseConditions(definition.conditions, states);
  const thresholds = uniqueSorted(definition.warningThresholds);
  for (const t of thresholds) {
    if (!Number.isInteger(t) || t < 1 || t > 99) throw invalid('warningThresholds', `${t} is not a whole percentage in 1..99`, { value: t });
  }
  for (const p of definition.appliesTo.priorities) {
    if (!Number.isInteger(p) || p < 1 || p > 5) throw invalid('appliesTo.priorities', `${p} is not a priority 1..5`, { value: p });
  }
  if (!calendarExists(definition.calendarId)) {
    throw new SlaError(SlaErrorCode.CalendarNotFound, `Invalid SLA definition: calendarId: no calendar "${definition.calendarId}"`, {
      field: 'calendarId',
      calendarId: definition.calendarId,
    });
  }
  assertTimeZone(definition.timeZone);
  return {
    ...definition,
    name: definition.name.trim(),
    conditions,
    warningThresholds: thresholds,
    appliesTo: {
      priorities: uniqueSorted(definition.appliesTo.priorities),
      serviceIds: uniqueSorted(definition.appliesTo.serviceIds),
      customerOrgIds: uniqueSorted(definition.appliesTo.customerOrgIds),
      supplierOrgIds: uniqueSorted(definition.appliesTo.supplierOrgIds),
      assignmentGroupIds: uniqueSorted(definition.appliesTo.assignmentGroupIds),
      offeringIds: uniqueSorted(definition.appliesTo.offeringIds),
      catalogItemIds: uniqueSorted(definition.appliesTo.catalogItemIds),
    },
  };
}

function normaliseConditions(conditions: ClockConditions, states: readonly string[]): ClockConditions {
  const fields = ['start', 'pause', 'resume', 'stop', 'cancel', 'reset'] as const;
  const out: Record<(typeof fields)[number], string[]> = { start: [], pause: [], resume: [], stop: [], cancel: [], reset: [] };
  for (const field of fields) {
    for (const state of conditions[field]) {
      if (!states.includes(state)) {
        throw invalid(`conditions.${field}`, `unknown state "${state}" (known: ${states.join(', ')})`, { state });
      }
    }
    out[field] = uniqueSorted(conditions[field]);
  }
  if (out.start.length === 0) throw invalid('conditions.start', 'at least one state must start the clock');
  if (out.stop.length === 0 && out.cancel.length === 0) throw invalid('conditions.stop', 'at least one state must stop or cancel the clock');
  const overlap = (a: keyof typeof out, b: keyof typeof out): void => {
    const shared = out[a].filter((s) => out[b].includes(s));
    if (shared.length > 0) throw invalid(`conditions.${a}`, `state "${shared[0]}" is both a ${a} and a ${b} condition`, { state: shared[0] as string });
  };
  overlap('start', 'pause');
  overlap('start', 'stop');
  overlap('start', 'cancel');
  overlap('pause', 'stop');
  overlap('pause', 'cancel');
  overlap('stop', 'cancel');
  overlap('resume', 'pause');
  overlap('resume', 'stop');
  overlap('resume', 'cancel');
  // Reset is evaluated before the other actions on a state change: a reset state that also stops
  // or cancels would restart the clock instead, so it could never be achieved or cancelled.
  overlap('reset', 'stop');
  overlap('reset', 'cancel');
  return out;
}
