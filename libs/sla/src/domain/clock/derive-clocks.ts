import type { CompiledCalendar } from '../calendar';
import type { AgreementKind, ClockScope, SlaDefinition, SlaTarget } from '../definition/sla-definition';
import { ClockTrack } from './clock-track';
import type { ThresholdState, TrackChange, TrackChanges } from './clock-track';
import type { TicketFact, TicketTimeline, TicketZones } from './ticket-timeline';

export const CLOCK_STAGES = ['in_progress', 'paused', 'achieved', 'breached', 'cancelled'] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];
export const CANCEL_REASONS = ['ticket_canceled', 'no_longer_applies', 'reset'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface ClockSegment {
  /**
   * 1-based position among the ticket's segments of this scope (runs assigned to one supplier org
   * or one group; unassigned runs are not segments), counted whether or not the definition applies
   * to each, so the clock id stays stable as facts are appended.
   */
  readonly index: number;
  readonly orgId: string | null;
  readonly groupId: string | null;
}

/** A clock's pauses, resumes and stops (TrackChanges), and its cancellation: what its lifecycle events say. */
export interface ClockChanges extends TrackChanges {
  readonly cancel: TrackChange | null;
}

/** One clock of one ticket, derived from its history as of `asOf` (all instants epoch ms). */
export interface SlaClock {
  readonly clockId: string;
  readonly definitionId: string;
  readonly definitionName: string;
  readonly kind: AgreementKind;
  readonly target: SlaTarget;
  readonly scope: ClockScope;
  readonly segment: ClockSegment | null;
  readonly stage: ClockStage;
  readonly running: boolean;
  readonly hasBreached: boolean;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly cancelledAt: number | null;
  readonly cancelReason: CancelReason | null;
  readonly targetMs: number;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  readonly pausedMs: number;
  /** When the target is (projected to be, while running) used up; null while paused or achieved. */
  readonly breachAt: number | null;
  /**
   * Thresholds are owed once per definition (and segment) per reset: a clock detached and attached
   * again (P1 -> P3 -> P1) shares its predecessor's scope, so its warnings are not emitted twice.
   */
  readonly emissionScope: string;
  /** The breach instant computed when this attempt started, before any pause. */
  readonly originalBreachAt: number;
  readonly breachedAt: number | null;
  /** Warnings, then the breach (percent 100). */
  readonly thresholds: readonly ThresholdState[];
  /** Its pauses, resumes, stops and cancellation: what its lifecycle events say. */
  readonly changes: ClockChanges;
  readonly calendarId: string;
  readonly timeZone: string;
  readonly asOf: number;
}

export interface ClockInputs {
  readonly definitions: readonly SlaDefinition[];
  /** The compiled calendar for (calendar id, zone); calendars are validated before they are saved. */
  readonly calendarFor: (calendarId: string, timeZone: string) => CompiledCalendar;
  readonly zones: TicketZones;
}

/**
 * Every clock of a ticket, as a pure function of its history: the same facts, definitions and
 * calendars always give the same clocks, so any clock can be replayed or repaired. A definition
 * that starts to apply mid-life (a priority change) is attached with a retroactive start: its
 * clock has followed the ticket's states from the beginning, pauses included, so the time already
 * elapsed is kept under the new target. The clock it replaces is cancelled, not rewritten.
 */
export function deriveClocks(timeline: TicketTimeline, inputs: ClockInputs, asOf: number): SlaClock[] {
  const clocks: SlaClock[] = [];
  const facts = historyAsOf(timeline.facts, asOf);
  if (facts.length === 0) return clocks;
  for (const definition of inputs.definitions) {
    if (!definition.active || definition.ticketType !== timeline.ticketType) continue;
    const timeZone = zoneOf(definition, inputs.zones);
    const calendar = inputs.calendarFor(definition.calendarId, timeZone);
    const context: TrackContext = { definition, calendar, timeZone, facts, asOf };
    if (definition.scope === 'ticket') clocks.push(...replay(context, 0, facts.length, null));
    else for (const segment of segmentsOf(definition, facts)) clocks.push(...replay(context, segment.from, segment.to, segment.segment));
  }
  return clocks;
}

/**
 * The history known at `asOf`: the facts up to the first one that happens later. A replay as of an
 * earlier instant must not see later transitions (a later resolution would otherwise stop a clock
 * that was still running then), so deriving a prefix of the history and deriving the whole history
 * as of the same instant agree.
 */
function historyAsOf(facts: readonly TicketFact[], asOf: number): readonly TicketFact[] {
  const later = facts.findIndex((fact) => fact.at > asOf);
  return later < 0 ? facts : facts.slice(0, later);
}

export function zoneOf(definition: SlaDefinition, zones: TicketZones): string {
  switch (definition.timeZoneSource) {
    case 'caller':
      return zones.caller ?? definition.timeZone;
    case 'configuration_item':
      return zones.configurationItem ?? definition.timeZone;
    case 'definition':
      return definition.timeZone;
  }
}

interface TrackContext {
  readonly definition: SlaDefinition;
  readonly calendar: CompiledCalendar;
  readonly timeZone: string;
  readonly facts: readonly TicketFact[];
  readonly asOf: number;
}

function applies(definition: SlaDefinition, fact: TicketFact): boolean {
  const a = definition.appliesTo;
  const has = (list: readonly string[], value: string | null): boolean => list.length === 0 || (value !== null && list.includes(value));
  return (
    (a.priorities.length === 0 || a.priorities.includes(fact.priority)) &&
    has(a.serviceIds, fact.serviceId) &&
    has(a.customerOrgIds, fact.customerOrgId) &&
    has(a.supplierOrgIds, fact.supplierOrgId) &&
    has(a.assignmentGroupIds, fact.groupId) &&
    has(a.offeringIds, fact.offeringId) &&
    has(a.catalogItemIds, fact.catalogItemId)
  );
}

interface SegmentRange {
  readonly from: number;
  readonly to: number;
  readonly segment: ClockSegment;
}

/** Maximal runs of facts assigned to one supplier organisation (UC) or one group (OLA). */
function segmentsOf(definition: SlaDefinition, facts: readonly TicketFact[]): SegmentRange[] {
  const keyOf = (fact: TicketFact): string | null => (definition.scope === 'supplier_segment' ? fact.supplierOrgId : fact.groupId);
  const ranges: SegmentRange[] = [];
  let from = -1;
  let index = 0;
  facts.forEach((fact, i) => {
    const previous = i > 0 ? keyOf(facts[i - 1] as TicketFact) : null;
    const key = keyOf(fact);
    if (from >= 0 && key !== previous) {
      ranges.push({ from, to: i, segment: segmentAt(facts[from] as TicketFact, index) });
      from = -1;
    }
    if (from < 0 && key !== null) {
      from = i;
      index += 1;
    }
  });
  if (from >= 0) ranges.push({ from, to: facts.length, segment: segmentAt(facts[from] as TicketFact, index) });
  return ranges;
}

function segmentAt(fact: TicketFact, index: number): ClockSegment {
  return { index, orgId: fact.supplierOrgId, groupId: fact.groupId };
}

/** Replays facts [from, to) for one definition; a segment ends when the assignment moves on. */
function replay(context: TrackContext, from: number, to: number, segment: ClockSegment | null): SlaClock[] {
  const { definition, facts, asOf } = context;
  const thresholds = [...definition.warningThresholds, 100];
  const newTrack = (): ClockTrack => new ClockTrack(definition.conditions, context.calendar, definition.targetMs, thresholds);
  const idBase = segment === null ? definition.id : `${definition.id}@${segment.index}`;
  const out: SlaClock[] = [];
  let track = newTrack();
  let attached = false;
  let attempt = 0;
  let resets = 0;
  const scope = (): string => `${idBase}~${resets}`;
  let previousState: string | null = null;
  for (let i = from; i < to; i += 1) {
    const fact = facts[i] as TicketFact;
    if (fact.state !== previousState && track.resetBy(fact.state)) {
      if (attached) out.push(snapshot(context, track, `${idBase}#${attempt}`, scope(), segment, fact.at, { at: fact.at, reason: 'reset' }));
      attached = false;
      resets += 1;
      track = newTrack();
    }
    track.transition(fact.state, fact.at);
    const matches = applies(definition, fact);
    // Only a live attempt is detached: a stopped clock keeps its outcome when the ticket's
    // attributes change afterwards (a response achieved before a priority change stays achieved);
    // reopened into a start state it is live again and detached then. A cancelled one keeps its reason.
    const live = track.status === 'running' || track.status === 'paused';
    if (attached && !matches && live) {
      out.push(snapshot(context, track, `${idBase}#${attempt}`, scope(), segment, fact.at, { at: fact.at, reason: 'no_longer_applies' }));
      attached = false;
    } else if (!attached && matches && live) {
      attached = true;
      attempt += 1;
    }
    const next = i + 1 < facts.length ? (facts[i + 1] as TicketFact).at : asOf;
    const until = Math.min(Math.max(fact.at, next), Math.max(fact.at, asOf));
    track.advance(fact.at, until);
    previousState = fact.state;
  }
  const segmentEnd = to < facts.length ? (facts[to] as TicketFact).at : null;
  if (segmentEnd !== null && segmentEnd <= asOf) track.end(segmentEnd);
  if (attached) {
    const cancel = track.status === 'cancelled' ? { at: track.cancelledAt ?? asOf, reason: 'ticket_canceled' as const } : null;
    out.push(snapshot(context, track, `${idBase}#${attempt}`, scope(), segment, asOf, cancel));
  }
  return out;
}

function snapshot(
  context: TrackContext,
  track: ClockTrack,
  clockId: string,
  emissionScope: string,
  segment: ClockSegment | null,
  asOf: number,
  cancel: { at: number; reason: CancelReason } | null,
): SlaClock {
  const { definition } = context;
  const running = cancel === null && track.status === 'running';
  const thresholds = track
    .thresholdStates(asOf)
    .map((t) => (running ? t : { percent: t.percent, reachedAt: t.reachedAt, dueAt: null }));
  const breachedAt = track.breachedAt();
  const stage: ClockStage =
    cancel !== null ? 'cancelled' : breachedAt !== null ? 'breached' : running ? 'in_progress' : track.status === 'paused' ? 'paused' : 'achieved';
  const breach = thresholds[thresholds.length - 1] as ThresholdState;
  return {
    clockId,
    emissionScope,
    definitionId: definition.id,
    definitionName: definition.name,
    kind: definition.kind,
    target: definition.target,
    scope: definition.scope,
    segment,
    stage,
    running,
    hasBreached: breachedAt !== null,
    startedAt: track.startedAt ?? asOf,
    stoppedAt: cancel === null ? track.stoppedAt : null,
    cancelledAt: cancel?.at ?? null,
    cancelReason: cancel?.reason ?? null,
    targetMs: definition.targetMs,
    elapsedMs: track.elapsedMs,
    remainingMs: Math.max(0, definition.targetMs - track.elapsedMs),
    pausedMs: track.pausedMs,
    breachAt: breachedAt ?? breach.dueAt,
    originalBreachAt: track.originalBreachAt ?? asOf,
    breachedAt,
    thresholds,
    changes: { ...track.changes, cancel: cancel === null ? null : { at: cancel.at, elapsedMs: track.elapsedMs, dueAt: track.dueAtFrom(cancel.at) } },
    calendarId: definition.calendarId,
    timeZone: context.timeZone,
    asOf,
  };
}
