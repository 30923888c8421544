import type { SaveEscalationPolicyHandler } from '../application/commands/save-escalation-policy/save-escalation-policy.handler';
import type { SaveOnCallScheduleHandler } from '../application/commands/save-on-call-schedule/save-on-call-schedule.handler';
import type { EscalationPolicyStore, OnCallScheduleStore } from '../application/ports/on-call-stores.port';
import type { EscalationPolicy } from '../domain/escalation/escalation-policy';
import type { OnCallSchedule } from '../domain/on-call/on-call-schedule';

/**
 * The demo's on-call rotation: the directory demo's Network Operations (Northwind, the supplier the
 * demo P1 "WAN link to Hamburg store down" is assigned to), its two engineers taking weekly turns
 * handed off Mondays at 09:00 Amsterdam time. Ids are the directory demo's (a person's id is its
 * token subject), as its `itsm.directory.v1` events carry them.
 */
export const DEMO_ON_CALL_SCHEDULE: OnCallSchedule = {
  id: 'demo-network-ops-on-call',
  groupId: 'network-ops',
  zone: 'Europe/Amsterdam',
  // A Monday: each turn is 7 days from a Monday 09:00 hand-off.
  rotations: [{ handoffMinute: 9 * 60, startDate: '2025-01-06', lengthDays: 7, members: ['u-supplier-agent', 'u-nina'] }],
  overrides: [],
};

/**
 * The demo P1 rule's escalation: level 1 the on-call person of the ticket's group; when nobody
 * acknowledges within 15 minutes, level 2 the group's manager and Contoso's incident manager (the
 * directory demo's groups name no manager, so she is the one paged today).
 */
export const DEMO_ESCALATION_POLICY: EscalationPolicy = {
  id: 'demo-p1-escalation',
  name: 'P1: the on-call engineer, then the managers',
  levels: [
    { targets: [{ kind: 'on_call', groupId: null }], delayMinutes: 15, channels: ['email', 'in_app'] },
    { targets: [{ kind: 'group_manager', groupId: null }, { kind: 'person', personId: 'u-incident-manager' }], delayMinutes: 30, channels: ['email', 'in_app'] },
  ],
};

/** The people and groups the demo's schedule and policy name (the seed waits for the directory projection to know them). */
export const DEMO_ON_CALL_NAMES = {
  personIds: [...new Set([...DEMO_ON_CALL_SCHEDULE.rotations.flatMap((r) => r.members), 'u-incident-manager'])],
  groupIds: [DEMO_ON_CALL_SCHEDULE.groupId],
} as const;

export interface DemoOnCallServices {
  readonly schedules: OnCallScheduleStore;
  readonly policies: EscalationPolicyStore;
  readonly saveSchedule: SaveOnCallScheduleHandler;
  readonly savePolicy: SaveEscalationPolicyHandler;
}

/**
 * Saves the demo schedule and policy through the save use cases (validated and checked against the
 * directory as a GraphQL save is), each only when none exists: the group has no schedule, no policy
 * has the demo's id (an admin's changes survive restarts). Answers what it saved.
 */
export async function seedDemoOnCall(services: DemoOnCallServices): Promise<{ readonly schedule: boolean; readonly policy: boolean }> {
  const schedule = (await services.schedules.byGroup(DEMO_ON_CALL_SCHEDULE.groupId)) === null;
  if (schedule) await services.saveSchedule.execute(DEMO_ON_CALL_SCHEDULE);
  const policy = (await services.policies.byId(DEMO_ESCALATION_POLICY.id)) === null;
  if (policy) await services.savePolicy.execute(DEMO_ESCALATION_POLICY);
  return { schedule, policy };
}
