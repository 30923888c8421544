import { Injectable } from '@nestjs/common';
import { factsKeyOf, mergeFacts } from '../../../domain';
import { EnabledRules } from '../../enabled-rules';
import { NoticeEvaluation } from '../../notice-evaluation';
import { DeliveryIntake } from '../../ports/delivery-intake.port';
import { NotifiableEventStore } from '../../ports/notifiable-event-store.port';
import type { NotifyOnEventCommand } from './notify-on-event.command';

/**
 * One consumed event: its ticket's facts merged (an SLA event reads the ticket it measures), the
 * event kept with the facts before and after it (a redelivery reuses the first record, so it plans
 * the same notices with the same keys), then the enabled rules of its type evaluated and their
 * notices handed to delivery (which delivers each key, recipient and channel once).
 */
@Injectable()
export class NotifyOnEventHandler {
  constructor(
    private readonly events: NotifiableEventStore,
    private readonly rules: EnabledRules,
    private readonly evaluation: NoticeEvaluation,
    private readonly intake: DeliveryIntake,
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
  }
}
