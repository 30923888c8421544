import { Injectable } from '@nestjs/common';
import { checkRule, NotificationErrorCode, notificationError } from '../../../domain';
import type { CandidateOutcome, NotificationRule } from '../../../domain';
import { NoticeEvaluation } from '../../notice-evaluation';
import { NotifiableEventStore } from '../../ports/notifiable-event-store.port';
import { NotificationRuleStore } from '../../ports/notification-rule-store.port';
import { RULE_EVENT_TYPES } from '../../rule-event-types';
import type { DryRunNotificationRuleQuery } from './dry-run-notification-rule.query';

export interface DryRunResult {
  readonly eventType: string;
  /** The trigger (event type and conditions) held for the event. */
  readonly matched: boolean;
  /** Every candidate (recipient, channel) with why it was dropped, or null when it would be notified. */
  readonly candidates: readonly CandidateOutcome[];
}

/** Replays a kept event (30 days) through one rule as the consumer would, with the ticket's facts as they were then. */
@Injectable()
export class DryRunNotificationRuleHandler {
  constructor(
    private readonly rules: NotificationRuleStore,
    private readonly events: NotifiableEventStore,
    private readonly evaluation: NoticeEvaluation,
  ) {}

  async execute(query: DryRunNotificationRuleQuery): Promise<DryRunResult> {
    const rule = await this.ruleOf(query);
    const recorded = await this.events.recorded(query.eventId);
    if (recorded === null) throw notificationError(NotificationErrorCode.NotFound, `No kept event ${query.eventId} (events are kept 30 days).`, { eventId: query.eventId });
    const matched = this.evaluation.matching(recorded, [rule]).length > 0;
    const plan = matched ? await this.evaluation.plan(recorded, [rule]) : { outcomes: [] };
    return { eventType: recorded.event.type, matched, candidates: plan.outcomes };
  }

  private async ruleOf(query: DryRunNotificationRuleQuery): Promise<NotificationRule> {
    if ((query.ruleId === null) === (query.input === null)) throw notificationError(NotificationErrorCode.InvalidInput, 'Name a saved rule or give a draft, not both.', { field: 'ruleId' });
    if (query.input !== null) return { ...checkRule(query.input, RULE_EVENT_TYPES), id: 'draft', enabled: true };
    const rule = await this.rules.byId(query.ruleId ?? '');
    if (rule === null) throw notificationError(NotificationErrorCode.NotFound, `No notification rule ${query.ruleId ?? ''}.`, { ruleId: query.ruleId ?? '' });
    return rule;
  }
}
