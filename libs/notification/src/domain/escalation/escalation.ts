import type { notificationTopic, PayloadOf } from '@itsm/contracts';
import type { TicketRef } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';
import type { EscalationLevel, EscalationPolicy } from './escalation-policy';

export const ESCALATION_STATES = ['paging', 'acknowledged', 'exhausted'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

/** A level as it was paged: whom, when, and when the next level falls due unless acknowledged. */
export interface PagedLevel {
  readonly level: number;
  readonly personIds: readonly string[];
  readonly pagedAt: number;
  readonly nextLevelAt: number;
}

/**
 * One run of an escalation policy on one ticket: `started` (level 1 paged) -> level n paged ->
 * `acknowledged` (stops at once) | the next level paged | `exhausted` (the last level's delay passed
 * unacknowledged; it may still be acknowledged). The policy's levels are copied at the start: a
 * policy edited meanwhile changes later escalations only.
 */
export interface Escalation {
  readonly id: string;
  readonly policyId: string;
  readonly levels: readonly EscalationLevel[];
  readonly ticket: TicketRef;
  readonly groupId: string | null;
  readonly state: EscalationState;
  /** The level paged last (1-based). */
  readonly level: number;
  readonly paged: readonly PagedLevel[];
  readonly startedBy: string;
  readonly startedAt: number;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: number | null;
  readonly exhaustedAt: number | null;
}

/** How many events the escalation has decided: the position of its stream (each decision above adds one). */
export function eventCount(e: Escalation): number {
  return e.paged.length + (e.acknowledgedAt === null ? 0 : 1) + (e.exhaustedAt === null ? 0 : 1);
}

type Topic = typeof notificationTopic;
type DecidedType = 'itsm.notification.escalation-started.v1' | 'itsm.notification.escalated.v1' | 'itsm.notification.escalation-acknowledged.v1' | 'itsm.notification.escalation-exhausted.v1';
/** The events an escalation decides, as itsm.notification.v1 carries them (the level-due one is the timer's). */
export type EscalationEvent = { [T in DecidedType]: { readonly type: T; readonly data: PayloadOf<Topic, T> } }[DecidedType];

export interface Decided {
  readonly aggregate: Escalation;
  readonly events: readonly EscalationEvent[];
}

export interface StartEscalation {
  readonly id: string;
  readonly policy: EscalationPolicy;
  readonly ticket: TicketRef;
  readonly groupId: string | null;
  /** Whom level 1 pages (its targets resolved at `now`). */
  readonly personIds: readonly string[];
  readonly by: string;
  readonly now: number;
}

/** The fields every escalation event carries. */
export function escalationFacts(e: Escalation, by: string, at: number) {
  return { escalationId: e.id, policyId: e.policyId, ticketTopic: e.ticket.topic, ticketId: e.ticket.id, ticketNumber: e.ticket.number, groupId: e.groupId, by, at: new Date(at).toISOString() };
}

function pagedLevel(levels: readonly EscalationLevel[], level: number, personIds: readonly string[], now: number): PagedLevel {
  const delay = (levels[level - 1] as EscalationLevel).delayMinutes;
  return { level, personIds: [...new Set(personIds)], pagedAt: now, nextLevelAt: now + delay * 60_000 };
}

/** Starts an escalation: level 1 paged now. */
export function startEscalation(input: StartEscalation): Decided {
  const first = pagedLevel(input.policy.levels, 1, input.personIds, input.now);
  const escalation: Escalation = {
    id: input.id,
    policyId: input.policy.id,
    levels: input.policy.levels,
    ticket: input.ticket,
    groupId: input.groupId,
    state: 'paging',
    level: 1,
    paged: [first],
    startedBy: input.by,
    startedAt: input.now,
    acknowledgedBy: null,
    acknowledgedAt: null,
    exhaustedAt: null,
  };
  const data = { ...escalationFacts(escalation, input.by, input.now), level: 1, pagedPersonIds: [...first.personIds], nextLevelAt: new Date(first.nextLevelAt).toISOString() };
  return { aggregate: escalation, events: [{ type: 'itsm.notification.escalation-started.v1', data }] };
}

/** What level `level`'s delay passing means: nothing (acknowledged, already past it), the next level to page, or exhaustion. */
export function afterLevelDue(e: Escalation, level: number): { readonly kind: 'nothing' } | { readonly kind: 'page'; readonly level: number } | { readonly kind: 'exhaust' } {
  if (e.state !== 'paging' || level !== e.level) return { kind: 'nothing' };
  return level < e.levels.length ? { kind: 'page', level: level + 1 } : { kind: 'exhaust' };
}

/** Level `level`'s delay passed unacknowledged: pages the next level (`personIds`, resolved at `now`) or exhausts the escalation. */
export function levelPassed(e: Escalation, level: number, personIds: readonly string[], now: number): Decided {
  const next = afterLevelDue(e, level);
  switch (next.kind) {
    case 'nothing':
      return { aggregate: e, events: [] };
    case 'exhaust': {
      const escalation: Escalation = { ...e, state: 'exhausted', exhaustedAt: now };
      return { aggregate: escalation, events: [{ type: 'itsm.notification.escalation-exhausted.v1', data: { ...escalationFacts(e, 'system', now), level } }] };
    }
    case 'page': {
      const paged = pagedLevel(e.levels, next.level, personIds, now);
      const escalation: Escalation = { ...e, level: next.level, paged: [...e.paged, paged] };
      const data = { ...escalationFacts(e, 'system', now), level: next.level, pagedPersonIds: [...paged.personIds], nextLevelAt: new Date(paged.nextLevelAt).toISOString() };
      return { aggregate: escalation, events: [{ type: 'itsm.notification.escalated.v1', data }] };
    }
  }
}

/** Whether the person was paged by the escalation (at any level so far). */
export function wasPaged(e: Escalation, personId: string): boolean {
  return e.paged.some((p) => p.personIds.includes(personId));
}

/**
 * Acknowledges: stops the escalation at once (a paging or an exhausted one). Only someone it paged,
 * or an admin, may; acknowledging an acknowledged escalation changes nothing (a link clicked twice).
 */
export function acknowledgeEscalation(e: Escalation, personId: string, asAdmin: boolean, now: number): Decided {
  if (!asAdmin && !wasPaged(e, personId)) throw notificationError(NotificationErrorCode.Forbidden, `${personId} was not paged by escalation ${e.id}`, { escalationId: e.id });
  if (e.state === 'acknowledged') return { aggregate: e, events: [] };
  const escalation: Escalation = { ...e, state: 'acknowledged', acknowledgedBy: personId, acknowledgedAt: now };
  return { aggregate: escalation, events: [{ type: 'itsm.notification.escalation-acknowledged.v1', data: { ...escalationFacts(e, personId, now), level: e.level, acknowledgedBy: personId } }] };
}
