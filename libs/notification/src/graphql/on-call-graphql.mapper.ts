import { pageRequest } from '@itsm/platform/graphql';
import { NotificationErrorCode, notificationError } from '../domain';
import type { Escalation } from '../domain/escalation/escalation';
import type { EscalationLevel, EscalationPolicy, EscalationTarget } from '../domain/escalation/escalation-policy';
import type { OnCallSchedule } from '../domain/on-call/on-call-schedule';
import type { EscalationGql, EscalationLevelGql, EscalationPolicyGql, EscalationPolicyGqlInput, EscalationTargetGql } from './escalation.types';
import type { OnCallScheduleGql, OnCallScheduleGqlInput } from './on-call.types';

/** A page of a list sorted by a text key (a group id, a policy id): `first` 1 to 200, `after` one of `cursor`'s cursors. */
export function keyPage(cursor: string, first: number, after: string | null | undefined): { readonly first: number; readonly after: string | null } {
  const page = pageRequest({ first, after }, { cursor, maxFirst: 200, parseKey: (key) => key, invalid: (field, message) => notificationError(NotificationErrorCode.InvalidInput, message, { field }) });
  return { first: page.first, after: page.after ?? null };
}

const date = (at: number | null): Date | null => (at === null ? null : new Date(at));

export function scheduleOf(input: OnCallScheduleGqlInput): OnCallSchedule {
  return {
    id: input.id,
    groupId: input.groupId,
    zone: input.zone,
    rotations: input.rotations.map((r) => ({ handoffMinute: r.handoffMinute, startDate: r.startDate, lengthDays: r.lengthDays, members: [...r.members] })),
    overrides: input.overrides.map((o) => ({ from: o.from.getTime(), to: o.to.getTime(), personId: o.personId, reason: o.reason })),
  };
}

export function toScheduleGql(schedule: OnCallSchedule): OnCallScheduleGql {
  return {
    id: schedule.id,
    groupId: schedule.groupId,
    zone: schedule.zone,
    rotations: schedule.rotations.map((r) => ({ ...r, members: [...r.members] })),
    overrides: schedule.overrides.map((o) => ({ from: new Date(o.from), to: new Date(o.to), personId: o.personId, reason: o.reason })),
  };
}

function targetOf(target: EscalationTargetGql, field: string, policyId: string): EscalationTarget {
  if (target.kind !== 'person') return { kind: target.kind, groupId: target.groupId ?? null };
  if (target.personId === null || target.personId === undefined) throw notificationError(NotificationErrorCode.InvalidSchedule, 'A person target names the person', { field, policyId });
  return { kind: 'person', personId: target.personId };
}

export function policyOf(input: EscalationPolicyGqlInput): EscalationPolicy {
  return {
    id: input.id,
    name: input.name,
    levels: input.levels.map((level, i) => ({
      targets: level.targets.map((t, j) => targetOf(t, `levels.${i}.targets.${j}`, input.id)),
      delayMinutes: level.delayMinutes,
      channels: [...level.channels],
    })),
  };
}

function toLevelGql(level: EscalationLevel): EscalationLevelGql {
  const targets = level.targets.map((t) => (t.kind === 'person' ? { kind: t.kind, personId: t.personId, groupId: null } : { kind: t.kind, personId: null, groupId: t.groupId }));
  return { targets, delayMinutes: level.delayMinutes, channels: [...level.channels] };
}

export function toPolicyGql(policy: EscalationPolicy): EscalationPolicyGql {
  return { id: policy.id, name: policy.name, levels: policy.levels.map(toLevelGql) };
}

export function toEscalationGql(e: Escalation): EscalationGql {
  return {
    id: e.id,
    policyId: e.policyId,
    ticketTopic: e.ticket.topic,
    ticketId: e.ticket.id,
    ticketNumber: e.ticket.number,
    groupId: e.groupId,
    state: e.state,
    level: e.level,
    paged: e.paged.map((p) => ({ level: p.level, personIds: [...p.personIds], pagedAt: new Date(p.pagedAt), nextLevelAt: new Date(p.nextLevelAt) })),
    levels: e.levels.map(toLevelGql),
    startedBy: e.startedBy,
    startedAt: new Date(e.startedAt),
    acknowledgedBy: e.acknowledgedBy,
    acknowledgedAt: date(e.acknowledgedAt),
    exhaustedAt: date(e.exhaustedAt),
  };
}
