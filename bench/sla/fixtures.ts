/**
 * The SLA policy set and ticket population of bench:sla: definitions over the four bench calendars,
 * random (seeded) incident histories whose clocks are derived with the real `deriveClocks`, the
 * stored document shapes (SLA ticket, claimed firing), and the event a due emission becomes.
 */
import type { EventEnvelope } from '@itsm/contracts';
import { objectIdFromKey } from '@itsm/platform/persistence';
import { clockMeta, compileCalendar, deriveClocks, dueEmissions, emissionEnvelope, ticketKey, validateCalendar, validateDefinition } from '@itsm/sla';
import type { ClockConditions, CompiledCalendar, DueEmission, SlaClock, SlaDefinition, TicketFact, TicketTimeline } from '@itsm/sla';
import { Partitioners } from 'kafkajs';
import type { BenchCalendar } from './calendars';
import { HOUR, MINUTE } from './calendars';


const RESOLUTION: ClockConditions = { start: ['new', 'in_progress'], pause: ['on_hold'], resume: [], stop: ['resolved', 'closed'], cancel: ['canceled'], reset: [] };
const RESPONSE: ClockConditions = { start: ['new'], pause: [], resume: [], stop: ['in_progress', 'on_hold', 'resolved', 'closed'], cancel: ['canceled'], reset: [] };
const ANY = { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [] };

type DefinitionInput = Pick<SlaDefinition, 'id' | 'name' | 'kind' | 'target' | 'scope' | 'targetMs' | 'calendarId' | 'timeZone'> & Partial<SlaDefinition>;

function definition(d: DefinitionInput): SlaDefinition {
  return { ticketType: 'incident', appliesTo: ANY, conditions: d.target === 'response' ? RESPONSE : RESOLUTION, warningThresholds: [50, 75], timeZoneSource: 'definition', active: true, ...d };
}

/** Per priority one calendar (P1 24x7, P2 Berlin office, P3 New York split day, P4/P5 Tokyo night shift), plus an OLA and a UC. */
export function benchDefinitions(): SlaDefinition[] {
  return [
    definition({ id: 'sla-p1-response', name: 'P1 response 15 min (24x7)', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: 15 * MINUTE, calendarId: '24x7', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, priorities: [1] } }),
    definition({ id: 'sla-p1-resolution', name: 'P1 resolution 4 h (24x7)', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 4 * HOUR, calendarId: '24x7', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, priorities: [1] } }),
    definition({ id: 'sla-p2-response', name: 'P2 response 1 business hour (Berlin)', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: HOUR, calendarId: 'berlin-office', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, priorities: [2] } }),
    definition({ id: 'sla-p2-resolution', name: 'P2 resolution 8 business hours (Berlin)', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 8 * HOUR, calendarId: 'berlin-office', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, priorities: [2] } }),
    definition({ id: 'sla-p3-response', name: 'P3 response 4 business hours (New York)', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: 4 * HOUR, calendarId: 'new-york-split', timeZone: 'America/New_York', appliesTo: { ...ANY, priorities: [3] } }),
    definition({ id: 'sla-p3-resolution', name: 'P3 resolution 24 business hours (New York)', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 24 * HOUR, calendarId: 'new-york-split', timeZone: 'America/New_York', appliesTo: { ...ANY, priorities: [3] } }),
    definition({ id: 'sla-p4-response', name: 'P4/P5 response 8 business hours (Tokyo nights)', kind: 'SLA', target: 'response', scope: 'ticket', targetMs: 8 * HOUR, calendarId: 'tokyo-night', timeZone: 'Asia/Tokyo', appliesTo: { ...ANY, priorities: [4, 5] } }),
    definition({ id: 'sla-p4-resolution', name: 'P4/P5 resolution 40 business hours (Tokyo nights)', kind: 'SLA', target: 'resolution', scope: 'ticket', targetMs: 40 * HOUR, calendarId: 'tokyo-night', timeZone: 'Asia/Tokyo', appliesTo: { ...ANY, priorities: [4, 5] } }),
    definition({ id: 'ola-app-support-resolution', name: 'Application Support OLA: 16 business hours per assignment', kind: 'OLA', target: 'resolution', scope: 'group_segment', targetMs: 16 * HOUR, calendarId: 'berlin-office', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, assignmentGroupIds: ['app-support'] } }),
    definition({ id: 'uc-tailspin-resolution', name: 'Tailspin Hosting UC: 6 hours per assignment (24x7)', kind: 'UC', target: 'resolution', scope: 'supplier_segment', targetMs: 6 * HOUR, calendarId: '24x7', timeZone: 'Europe/Berlin', appliesTo: { ...ANY, supplierOrgIds: ['tailspin-hosting'] } }),
  ];
}

/** The policy set as the engine holds it: validated definitions, calendars compiled once per (id, zone). */
export interface BenchPolicySet {
  readonly definitions: readonly SlaDefinition[];
  readonly calendarFor: (calendarId: string, timeZone: string) => CompiledCalendar;
}

export function benchPolicySet(calendars: readonly BenchCalendar[]): BenchPolicySet {
  const specs = new Map(calendars.map((c) => [c.spec.id, validateCalendar(c.spec)]));
  const definitions = benchDefinitions().map((d) => validateDefinition(d, (id) => specs.has(id)));
  const compiled = new Map<string, CompiledCalendar>();
  const calendarFor = (calendarId: string, timeZone: string): CompiledCalendar => {
    const key = `${calendarId}\u0000${timeZone}`;
    let calendar = compiled.get(key);
    if (calendar === undefined) {
      const spec = specs.get(calendarId);
      if (spec === undefined) throw new Error(`no bench calendar ${calendarId}`);
      compiled.set(key, (calendar = compileCalendar(spec, timeZone)));
    }
    return calendar;
  };
  return { definitions, calendarFor };
}

const partitioner = Partitioners.DefaultPartitioner();
const PARTITION_METADATA = Array.from({ length: 12 }, (_, id) => ({ partitionId: id, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

/** The `itsm.incident.v1` partition (12, kafkajs' default partitioner, keyed by incident id) a ticket's events arrive on. */
export function partitionOf(ticketId: string): number {
  return partitioner({ topic: 'itsm.incident.v1', partitionMetadata: PARTITION_METADATA, message: { key: ticketId, value: null } });
}

/** A 24-hex incident id, unique per (run, n). */
export function incidentId(run: number, n: number): string {
  return `${(run >>> 0).toString(16).padStart(8, '0')}${n.toString(16).padStart(16, '0')}`;
}

export const incidentNumber = (n: number): string => `INC${String(n).padStart(7, '0')}`;

const PRIORITY_MIX: readonly [number, number][] = [[1, 0.1], [2, 0.3], [3, 0.35], [4, 0.2], [5, 0.05]];
/** How far back (wall time) a ticket of each priority was opened, at most. */
const MAX_AGE: Readonly<Record<number, number>> = { 1: 2 * HOUR, 2: 24 * HOUR, 3: 2 * 24 * HOUR, 4: 3 * 24 * HOUR, 5: 3 * 24 * HOUR };

export type Scenario = 'new' | 'in_progress_ola' | 'resumed' | 'supplier_uc' | 'on_hold';
const SCENARIOS: readonly [Scenario, number][] = [['new', 0.3], ['in_progress_ola', 0.35], ['resumed', 0.15], ['supplier_uc', 0.1], ['on_hold', 0.1]];

function pick<T>(random: () => number, mix: readonly [T, number][]): T {
  let r = random();
  for (const [value, weight] of mix) {
    r -= weight;
    if (r < 0) return value;
  }
  return (mix[mix.length - 1] as [T, number])[0];
}

/**
 * A random open incident history ending before `now`: opened some time ago (by priority), then one
 * of five typical paths, each leaving two clocks active: still new (response + resolution); in
 * progress with the OLA group (resolution + OLA); held and resumed with the OLA group; handed to a
 * supplier under a UC (resolution + UC); on hold with the OLA group (both paused). Instants are
 * whole milliseconds, not aligned to anything.
 */
export function randomTimeline(random: () => number, ticketId: string, number: string, now: number): TicketTimeline {
  const priority = pick(random, PRIORITY_MIX);
  const opened = now - Math.floor(10 * MINUTE + random() * ((MAX_AGE[priority] ?? HOUR) - 10 * MINUTE));
  const span = now - opened;
  const at = (fraction: number): number => opened + Math.floor(span * fraction);
  const base: TicketFact = { sequence: 1, at: opened, state: 'new', priority, serviceId: 'svc-email', customerOrgId: 'org-acme', groupId: 'service-desk', supplierOrgId: null, offeringId: null, catalogItemId: null };
  const facts: TicketFact[] = [base];
  const next = (fraction: number, change: Partial<TicketFact>): void => {
    const last = facts[facts.length - 1] as TicketFact;
    facts.push({ ...last, ...change, sequence: last.sequence + 1, at: Math.max(last.at + 1, at(fraction)) });
  };
  const r = (lo: number, hi: number): number => lo + random() * (hi - lo);
  switch (pick(random, SCENARIOS)) {
    case 'new':
      break;
    case 'in_progress_ola':
      next(r(0.05, 0.3), { state: 'in_progress', groupId: 'app-support' });
      break;
    case 'resumed':
      next(r(0.05, 0.2), { state: 'in_progress', groupId: 'app-support' });
      next(r(0.25, 0.5), { state: 'on_hold' });
      next(r(0.55, 0.8), { state: 'in_progress' });
      break;
    case 'supplier_uc':
      next(r(0.05, 0.2), { state: 'in_progress' });
      next(r(0.25, 0.6), { supplierOrgId: 'tailspin-hosting', groupId: 'tailspin-l2' });
      break;
    case 'on_hold':
      next(r(0.05, 0.3), { state: 'in_progress', groupId: 'app-support' });
      next(r(0.4, 0.9), { state: 'on_hold' });
      break;
  }
  return { ticketType: 'incident', ticketId, number, callerId: 'u-caller', orderedById: null, configurationItemIds: [], facts };
}

/** What ClockProjector computes for a ticket: its clocks as of the last event, and everything they owe. */
export function project(timeline: TicketTimeline, policySet: BenchPolicySet): { clocks: SlaClock[]; due: DueEmission[] } {
  const asOf = (timeline.facts[timeline.facts.length - 1] as TicketFact).at;
  const clocks = deriveClocks(timeline, { definitions: policySet.definitions, calendarFor: policySet.calendarFor, zones: { caller: null, configurationItem: null } }, asOf);
  return { clocks, due: dueEmissions(clocks, new Set()) };
}

/** Clocks still counting (running or paused): the "active" clocks of the figure. */
export const isActive = (clock: SlaClock): boolean => clock.running || clock.stage === 'paused';

export const ticketKeyOf = (ticketId: string): string => ticketKey('incident', ticketId);

/** The warning or breach event of one due emission, exactly as the timer service builds it. */
export function emissionEvent(ticketId: string, number: string, clock: SlaClock, emission: DueEmission, sequence: number, firedAt: Date): EventEnvelope {
  return emissionEnvelope({ key: ticketKeyOf(ticketId), ticketType: 'incident', ticketId, number }, clockMeta(clock), emission, sequence, firedAt);
}

/** A stored claim (`sla_firings`), as SlaFiringRepository.claim inserts it. */
export function firingDocument(ticketId: string, partition: number, envelope: EventEnvelope, key: string, claimedAt: Date): Record<string, unknown> {
  const ticketKey = ticketKeyOf(ticketId);
  return { _id: objectIdFromKey('sla-firing', ticketKey, key), ticketKey, key, partition, claimedAt, envelope };
}
