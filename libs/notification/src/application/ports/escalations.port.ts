import type { TicketRef } from '../../domain';

export interface StartEscalationRequest {
  readonly ticket: TicketRef;
  readonly policyId: string;
  /** The group whose on-call people (and manager, members) the policy's group targets mean. */
  readonly groupId: string | null;
  /** What starts it (the triggering event's id): starting again for the same key starts nothing new. */
  readonly key: string;
  /** Who starts it (a rule's id, a person). */
  readonly by: string;
}

export interface StartedEscalation {
  readonly escalationId: string;
  /** False when an escalation of the key, or a running one of the same ticket and policy, already existed (its id is answered). */
  readonly started: boolean;
}

/**
 * Starts escalations (the rules' escalation action): level 1 paged at once, the next levels by the
 * partition-owned timers until someone acknowledges. Idempotent per key, and per (ticket, policy)
 * while one runs. NOTIFICATION.NOT_FOUND for an unknown policy.
 */
export abstract class Escalations {
  abstract start(request: StartEscalationRequest, now: number): Promise<StartedEscalation>;
}
