import { PERSON_CHANNELS } from '../notice';
import type { PersonChannel } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';

/**
 * Whom a level pages: the on-call people of a group, a named person, a group's manager, every
 * member of a group. `groupId` null means the escalation's own group (the ticket's assignment group).
 */
export type EscalationTarget =
  | { readonly kind: 'on_call'; readonly groupId: string | null }
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'group_manager'; readonly groupId: string | null }
  | { readonly kind: 'group_members'; readonly groupId: string | null };
export const ESCALATION_TARGET_KINDS = ['on_call', 'person', 'group_manager', 'group_members'] as const;
export type EscalationTargetKind = (typeof ESCALATION_TARGET_KINDS)[number];

/** One level: who is paged on which channels, and how long it waits for an acknowledgement before the next level (or exhaustion). */
export interface EscalationLevel {
  readonly targets: readonly EscalationTarget[];
  readonly delayMinutes: number;
  readonly channels: readonly PersonChannel[];
}

/** Levels paged one after the other until someone acknowledges (level 1 the on-call person, then a second line, then the manager ...). */
export interface EscalationPolicy {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly EscalationLevel[];
}

/** The events' level field allows 10. */
export const MAX_ESCALATION_LEVELS = 10;
const MAX_TARGETS = 10;
const MAX_DELAY_MINUTES = 24 * 60;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

/** Refuses a policy that cannot run (NOTIFICATION.INVALID_SCHEDULE with `details.field`). */
export function validateEscalationPolicy(policy: EscalationPolicy): EscalationPolicy {
  const invalid = (field: string, message: string) => notificationError(NotificationErrorCode.InvalidSchedule, message, { field, policyId: policy.id });
  if (!ID.test(policy.id)) throw invalid('id', 'A policy id is 1-64 letters, digits or ._:@-');
  if (policy.name.trim().length === 0 || policy.name.length > 200) throw invalid('name', 'A policy has a name of 1 to 200 characters');
  if (policy.levels.length < 1 || policy.levels.length > MAX_ESCALATION_LEVELS) throw invalid('levels', `A policy has 1 to ${MAX_ESCALATION_LEVELS} levels`);
  policy.levels.forEach((level, i) => {
    const field = `levels.${i}`;
    if (level.targets.length < 1 || level.targets.length > MAX_TARGETS) throw invalid(`${field}.targets`, `A level pages 1 to ${MAX_TARGETS} targets`);
    level.targets.forEach((t, j) => {
      const id = t.kind === 'person' ? t.personId : t.groupId;
      if (id !== null && !ID.test(id)) throw invalid(`${field}.targets.${j}`, `A ${t.kind} target names a ${t.kind === 'person' ? 'person' : 'group'} id`);
    });
    if (!Number.isInteger(level.delayMinutes) || level.delayMinutes < 1 || level.delayMinutes > MAX_DELAY_MINUTES) throw invalid(`${field}.delayMinutes`, `A level waits 1 to ${MAX_DELAY_MINUTES} minutes`);
    if (level.channels.length < 1 || level.channels.some((c) => !PERSON_CHANNELS.includes(c)) || new Set(level.channels).size !== level.channels.length) {
      throw invalid(`${field}.channels`, `A level pages on one or more of ${PERSON_CHANNELS.join(', ')}, each once`);
    }
  });
  return policy;
}
