import { Injectable } from '@nestjs/common';
import { factsKeyOf, mergeFacts, ticketGroupOf } from '../../../domain';
import type { NotificationRule } from '../../../domain';
import { EnabledRules } from '../../enabled-rules';
import { NoticeEvaluation } from '../../notice-evaluation';
import { DeliveryIntake } from '../../ports/delivery-intake.port';
import { Escalations } from '../../ports/escalations.port';
import { NotifiableEventStore } from '../../ports/notifiable-event-store.port';
import type { RecordedEvent } from '../../ports/notifiable-event-store.port';
import type { NotifyOnEventCommand } from './notify-on-event.command';

/**
 * One consumed event: its ticket's facts merged (an SLA event reads the ticket it measures), the
 * event kept with the facts before and after it (a redelivery reuses the first record, so it plans
 * the same notices with the same keys), then the enabled rules of its type evaluated and their
 * notices handed to delivery (which delivers each key, recipient and channel once); a matching
 * rule naming an escalation policy starts it on the ticket (keyed by the event: started once).
 */
@Injectable()
export class NotifyOnEventHandler {
  constructor(
    private readonly events: NotifiableEventStore,
    private readonly rules: EnabledRules,
    private readonly evaluation: NoticeEvaluation,
    private readonly intake: DeliveryIntake,
    private readonly escalations: Escalations,
  ) {}

  async execute(command: NotifyOnEventCommand): Promise<void> {
    const { event, now } = command;
    const key = factsKeyOf(event);
    const before = key === null ? null : await this.events.facts(key.topic, key.subject);
    const after = key === null ? null : key.own ? mergeFacts(before, event) : before;
    const recorded = await this.events.recordOnce({ event, before, after }, now);
    if (key?.own === true && recorded.after !== null) await this.events.applyFacts(recorded.after, event);
    const rules = await this.rules.for(event.type);
    if (rules.length === 0) return;
    const plan = await this.evaluation.plan(recorded, rules);
    if (plan.notices.length > 0) await this.intake.accept(plan.notices, now);
    await this.startEscalations(recorded, this.evaluation.matching(recorded, rules), now);
  }

  /** The matching rules' escalation action: their policy started on the ticket for its group, keyed by the event (a redelivery starts nothing new). */
  private async startEscalations(recorded: RecordedEvent, matching: readonly NotificationRule[], now: number): Promise<void> {
    const escalating = matching.filter((rule) => (rule.escalationPolicyId ?? null) !== null);
    if (escalating.length === 0) return;
    const ticket = this.evaluation.ticketOf(recorded);
    const groupId = ticketGroupOf(recorded.event, recorded.after);
    for (const rule of escalating) {
      await this.escalations.start({ ticket, policyId: rule.escalationPolicyId as string, groupId, key: recorded.event.id, by: rule.id }, now);
    }
  }
}
