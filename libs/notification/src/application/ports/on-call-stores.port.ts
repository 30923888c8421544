import type { EscalationPolicy } from '../../domain/escalation/escalation-policy';
import type { OnCallSchedule } from '../../domain/on-call/on-call-schedule';

/** On-call schedules, one per group. */
export abstract class OnCallScheduleStore {
  abstract byGroup(groupId: string): Promise<OnCallSchedule | null>;
  /** Creates or replaces the group's schedule; NOTIFICATION.CONFLICT when the group has one under another id. */
  abstract save(schedule: OnCallSchedule): Promise<void>;
  /** Schedules in group id order, after the cursor (a group id). */
  abstract list(first: number, afterGroupId: string | null): Promise<readonly OnCallSchedule[]>;
}

/** Escalation policies by id. */
export abstract class EscalationPolicyStore {
  abstract byId(id: string): Promise<EscalationPolicy | null>;
  abstract save(policy: EscalationPolicy): Promise<void>;
  /** Policies in id order, after the cursor (a policy id). */
  abstract list(first: number, afterId: string | null): Promise<readonly EscalationPolicy[]>;
}
