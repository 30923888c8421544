import type { EventOf, slaTopic } from '@itsm/contracts';

export type SlaEvent = EventOf<typeof slaTopic>;
type SlaData = SlaEvent['data'];
export type AgreementKind = SlaData['kind'];
export type SlaTarget = SlaData['target'];
export type SlaTicketType = SlaData['ticketType'];

/** The value lists of the contract's unions (the GraphQL enums derive from them). */
export const AGREEMENT_KINDS = ['SLA', 'OLA', 'UC'] as const satisfies readonly AgreementKind[];
export const SLA_TARGETS = ['response', 'resolution'] as const satisfies readonly SlaTarget[];
export const SLA_TICKET_TYPES = ['incident', 'request', 'requested_item', 'task'] as const satisfies readonly SlaTicketType[];

/** The source of the clocks' lifecycle events (their own per-ticket sequence); warnings and breaches come under `/itsm/sla`. */
export const SLA_LIFECYCLE_SOURCE = '/itsm/sla/lifecycle';

export const CLOCK_STATES = ['running', 'paused', 'stopped', 'canceled'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** A warning at or past this share of the target makes a live clock "at risk". */
export const AT_RISK_PERCENT = 75;

/**
 * What reporting keeps of one SLA/OLA/UC clock (one attempt: `clockId` is unique within its
 * ticket), folded from `itsm.sla.v1` alone. Its state is its latest lifecycle event by the ticket's
 * lifecycle sequence (`lifecycleSequence`); its warning the latest by the warnings' own sequence
 * (`alertSequence`): an event at or below the matching sequence (a redelivery, a replay, a late
 * stale one) changes nothing. `state` null: only a warning or breach seen yet.
 */
export interface SlaClockFact {
  /** `ticketType:ticketId:clockId` (a clockId is unique within its ticket only). */
  readonly key: string;
  readonly ticketType: SlaTicketType;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly clockId: string;
  readonly definitionId: string;
  readonly definitionName: string;
  readonly kind: AgreementKind;
  readonly target: SlaTarget;
  readonly targetMs: number;
  readonly segmentOrgId: string | null;
  readonly segmentGroupId: string | null;
  readonly state: ClockState | null;
  readonly startedAt: number | null;
  /** Its latest stop (a reopened ticket's clock resumed and stopped again counts at its last stop); null unless stopped. */
  readonly stoppedAt: number | null;
  readonly outcome: 'met' | 'breached' | null;
  /** Business time used by its latest lifecycle change (paused time not counted). */
  readonly elapsedMs: number;
  /** Business time spent paused, as its stop told (0 before). */
  readonly pausedMs: number;
  /** The breach instant in force (suspended while paused). */
  readonly dueAt: number;
  /** The latest warning's threshold (percent of the target), or null. */
  readonly warningPercent: number | null;
  readonly lifecycleSequence: number;
  readonly alertSequence: number;
}

/** The fact's key of an event's clock. */
export const clockKeyOf = (event: SlaEvent): string => `${event.data.ticketType}:${event.data.ticketId}:${event.data.clockId}`;

const isLifecycle = (event: SlaEvent): boolean => event.source === SLA_LIFECYCLE_SOURCE;

function fresh(event: SlaEvent): SlaClockFact {
  const d = event.data;
  return {
    key: clockKeyOf(event),
    ticketType: d.ticketType,
    ticketId: d.ticketId,
    ticketNumber: d.ticketNumber,
    clockId: d.clockId,
    definitionId: d.definitionId,
    definitionName: d.definitionName,
    kind: d.kind,
    target: d.target,
    targetMs: d.targetMs,
    segmentOrgId: d.segmentOrgId,
    segmentGroupId: d.segmentGroupId,
    state: null,
    startedAt: null,
    stoppedAt: null,
    outcome: null,
    elapsedMs: 0,
    pausedMs: 0,
    dueAt: Date.parse(d.dueAt),
    warningPercent: null,
    lifecycleSequence: 0,
    alertSequence: 0,
  };
}

/**
 * The fact after `event` (of its clock): a lifecycle event newer than the last applied sets the
 * state; a warning newer than the last alert sets the warning; a breach only advances the alert
 * sequence (a breach now is read from dueAt and the state). Answers `fact` itself when nothing changes.
 */
export function evolveSlaClockFact(fact: SlaClockFact | undefined, event: SlaEvent): SlaClockFact {
  const base = fact ?? fresh(event);
  const at = (iso: string): number => Date.parse(iso);
  if (!isLifecycle(event)) {
    if (event.sequence <= base.alertSequence) return base;
    const warning = event.type === 'itsm.sla.clock-warning.v1' ? event.data.thresholdPercent : base.warningPercent;
    return { ...base, warningPercent: warning, alertSequence: event.sequence };
  }
  if (event.sequence <= base.lifecycleSequence) return base;
  // The clock's description as the latest lifecycle event tells it (a definition renamed, a segment's organisation).
  const d = event.data;
  const next = { ...base, ticketNumber: d.ticketNumber, definitionName: d.definitionName, targetMs: d.targetMs, segmentOrgId: d.segmentOrgId, segmentGroupId: d.segmentGroupId, dueAt: at(d.dueAt), lifecycleSequence: event.sequence };
  const unstopped = { stoppedAt: null, outcome: null } as const;
  switch (event.type) {
    case 'itsm.sla.clock-started.v1':
      return { ...next, ...unstopped, state: 'running', startedAt: at(event.data.startedAt), elapsedMs: 0 };
    case 'itsm.sla.clock-paused.v1':
      return { ...next, ...unstopped, state: 'paused', elapsedMs: event.data.elapsedMs };
    case 'itsm.sla.clock-rescheduled.v1':
      return { ...next, ...unstopped, state: 'running', elapsedMs: event.data.elapsedMs };
    case 'itsm.sla.clock-stopped.v1':
      return { ...next, state: 'stopped', stoppedAt: at(event.data.stoppedAt), outcome: event.data.outcome, elapsedMs: event.data.elapsedMs, pausedMs: event.data.pausedMs };
    case 'itsm.sla.clock-canceled.v1':
      return { ...next, ...unstopped, state: 'canceled', elapsedMs: event.data.elapsedMs };
    default:
      return base;
  }
}

/** A live clock (running or paused): what the status "now" looks at. */
export const isLiveClock = (fact: Pick<SlaClockFact, 'state'>): boolean => fact.state === 'running' || fact.state === 'paused';

/** A live clock's standing at `now`. */
export interface ClockStanding {
  readonly breached: boolean;
  readonly atRisk: boolean;
  /** dueAt - now (negative once breached), null while paused (its breach instant is suspended). */
  readonly timeToBreachMs: number | null;
}

/**
 * Breached: running and now at or past dueAt, or paused having used its whole target (a paused
 * clock's dueAt is suspended: its elapsed business time tells). At risk: not breached, and its
 * latest warning at or past AT_RISK_PERCENT, or paused having used that share of its target (exact:
 * its elapsed time stands still). A running clock's share now needs its business calendar, which
 * only the SLA engine has: its warnings tell (a definition warning at no threshold from 75 % up
 * shows its running clocks at risk only once breached).
 */
/**
 * A live clock breached or at risk whatever the time: paused (its elapsed time stands still) at or
 * past AT_RISK_PERCENT of its target, or running with a warning there. A running clock may also
 * become breached by time alone (now at or past its dueAt): status reads those by dueAt.
 */
export function isWatchedClock(fact: SlaClockFact): boolean {
  if (!isLiveClock(fact)) return false;
  const used = fact.state === 'running' ? (fact.warningPercent ?? 0) : Math.max(fact.warningPercent ?? 0, (fact.elapsedMs / fact.targetMs) * 100);
  return used >= AT_RISK_PERCENT;
}

export function clockStanding(fact: SlaClockFact, now: number): ClockStanding {
  const running = fact.state === 'running';
  const breached = running ? now >= fact.dueAt : fact.elapsedMs >= fact.targetMs;
  return { breached, atRisk: !breached && isWatchedClock(fact), timeToBreachMs: running ? fact.dueAt - now : null };
}
