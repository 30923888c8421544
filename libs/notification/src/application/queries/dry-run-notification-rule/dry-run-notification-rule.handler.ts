import { Injectable } from '@nestjs/common';
import { checkRule, NotificationErrorCode, notificationError, ticketGroupOf } from '../../../domain';
import type { CandidateOutcome, NotificationRule, PersonChannel } from '../../../domain';
import type { EscalationLevel } from '../../../domain/escalation/escalation-policy';
import { EscalationTargets } from '../../escalation-targets';
import { NoticeEvaluation } from '../../notice-evaluation';
import { NotifiableEventStore } from '../../ports/notifiable-event-store.port';
import type { RecordedEvent } from '../../ports/notifiable-event-store.port';
import { NotificationRuleStore } from '../../ports/notification-rule-store.port';
import { EscalationPolicyStore } from '../../ports/on-call-stores.port';
import { RULE_EVENT_TYPES } from '../../rule-event-types';
import type { DryRunNotificationRuleQuery } from './dry-run-notification-rule.query';

export interface DryRunResult {
  readonly eventType: string;
  /** The trigger (event type and conditions) held for the event. */
  readonly matched: boolean;
  /** Every candidate (recipient, channel) with why it was dropped, or null when it would be notified. */
  readonly candidates: readonly CandidateOutcome[];
  /** The escalation the rule would start (it matched and names a policy), else null. */
  readonly escalation: DryRunEscalation | null;
}

/** An escalation a rule would start: its policy and whom level 1 would page, on which channels, for how long before level 2. */
export interface DryRunEscalation {
  readonly policyId: string;
  readonly policyName: string;
  /** The ticket's group, which the policy's targets without a group stand for. */
  readonly groupId: string | null;
  /** Level 1's active people at the event's time (on call as scheduled then; the directory as it is now). */
  readonly personIds: readonly string[];
  readonly channels: readonly PersonChannel[];
  readonly delayMinutes: number;
}

/**
 * Replays a kept event (30 days) through one rule as the consumer would, with the ticket's facts as
 * they were then, and the escalation it would start (UNKNOWN_RECIPIENT for a draft naming no policy kept, as a save).
 */
@Injectable()
export class DryRunNotificationRuleHandler {
  constructor(
    private readonly rules: NotificationRuleStore,
    private readonly events: NotifiableEventStore,
    private readonly evaluation: NoticeEvaluation,
    private readonly policies: EscalationPolicyStore,
    private readonly targets: EscalationTargets,
  ) {}

  async execute(query: DryRunNotificationRuleQuery): Promise<DryRunResult> {
    const rule = await this.ruleOf(query);
    const recorded = await this.events.recorded(query.eventId);
    if (recorded === null) throw notificationError(NotificationErrorCode.NotFound, `No kept event ${query.eventId} (events are kept 30 days).`, { eventId: query.eventId });
    const matched = this.evaluation.matching(recorded, [rule]).length > 0;
    const plan = matched ? await this.evaluation.plan(recorded, [rule]) : { outcomes: [] };
    return { eventType: recorded.event.type, matched, candidates: plan.outcomes, escalation: matched ? await this.escalationOf(rule, recorded) : null };
  }

  private async escalationOf(rule: NotificationRule, recorded: RecordedEvent): Promise<DryRunEscalation | null> {
    const policyId = rule.escalationPolicyId ?? null;
    if (policyId === null) return null;
    const policy = await this.policies.byId(policyId);
    if (policy === null) throw notificationError(NotificationErrorCode.UnknownRecipient, `No escalation policy ${policyId}.`, { escalationPolicyId: policyId });
    const level = policy.levels[0] as EscalationLevel;
    const groupId = ticketGroupOf(recorded.event, recorded.after);
    const personIds = await this.targets.resolve(level, groupId, Date.parse(recorded.event.time));
    return { policyId, policyName: policy.name, groupId, personIds, channels: level.channels, delayMinutes: level.delayMinutes };
  }

  private async ruleOf(query: DryRunNotificationRuleQuery): Promise<NotificationRule> {
    if ((query.ruleId === null) === (query.input === null)) throw notificationError(NotificationErrorCode.InvalidInput, 'Name a saved rule or give a draft, not both.', { field: 'ruleId' });
    if (query.input !== null) return { ...checkRule(query.input, RULE_EVENT_TYPES), id: 'draft', enabled: true };
    const rule = await this.rules.byId(query.ruleId ?? '');
    if (rule === null) throw notificationError(NotificationErrorCode.NotFound, `No notification rule ${query.ruleId ?? ''}.`, { ruleId: query.ruleId ?? '' });
    return rule;
  }
}
