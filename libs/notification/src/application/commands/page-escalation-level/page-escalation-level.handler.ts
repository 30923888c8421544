import { notificationTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import type { Notice, PersonRecipient, SourceEvent } from '../../../domain';
import { BUILT_IN_TEMPLATE_IDS } from '../../../domain/templates';
import type { Escalation } from '../../../domain/escalation/escalation';
import { EscalationAckLinks } from '../../escalation-ack-links';
import { EscalationTimers } from '../../escalation-timers/escalation-timers';
import { DeliveryIntake } from '../../ports/delivery-intake.port';
import { EscalationStore } from '../../ports/escalation-store.port';

/** The template every on-call page renders (its event's `escalationId` signs the acknowledgement link). */
export const ON_CALL_PAGE_TEMPLATE = BUILT_IN_TEMPLATE_IDS.onCallPage;

/** An escalation event (started, escalated, acknowledged, exhausted) as this handler reads it. */
export type EscalationEnvelope = EventEnvelope<string, { readonly escalationId: string; readonly level: number; readonly by: string }>;

/**
 * Follows an escalation's own events: a level paged (started, escalated) becomes one urgent on_call
 * notice per paged person and channel of that level, keyed `<escalationId>:<level>`, carrying the
 * person's signed acknowledgement link (`links.acknowledge`) (delivered once
 * however often this runs); then, as after acknowledged or exhausted, the escalation's timer is
 * armed from its current state (the next level's due instant, or nothing).
 */
@Injectable()
export class PageEscalationLevelHandler {
  constructor(
    private readonly escalations: EscalationStore,
    private readonly directory: DirectoryProjection,
    private readonly intake: DeliveryIntake,
    private readonly timers: EscalationTimers,
    private readonly ackLinks: EscalationAckLinks,
  ) {}

  async execute(envelope: EscalationEnvelope, now: number): Promise<void> {
    const loaded = await this.escalations.load(envelope.data.escalationId);
    if (loaded === undefined) return;
    const escalation = loaded.aggregate;
    if (envelope.type === 'itsm.notification.escalation-started.v1' || envelope.type === 'itsm.notification.escalated.v1') {
      await this.intake.accept(await this.notices(escalation, envelope), now);
    }
    await this.timers.arm(escalation);
  }

  private async notices(escalation: Escalation, envelope: EscalationEnvelope): Promise<Notice[]> {
    const level = envelope.data.level;
    const paged = escalation.paged.find((p) => p.level === level);
    const channels = escalation.levels[level - 1]?.channels ?? [];
    if (paged === undefined) return [];
    const people = await this.directory.people(paged.personIds);
    const event = sourceEvent(envelope);
    const notices: Notice[] = [];
    for (const [index, personId] of paged.personIds.entries()) {
      const person = people.get(personId);
      if (person === undefined) continue;
      const recipient: PersonRecipient = { kind: 'person', personId, userName: person.userName, displayName: person.displayName, email: person.email, locale: person.locale, timeZone: person.timeZone, chatHandle: person.chatHandle };
      // The link acknowledges as this person (signed: the index into the level's paged people).
      const acknowledge = this.ackLinks.link({ escalationId: escalation.id, level, index });
      const links = acknowledge === null ? {} : { acknowledge };
      for (const channel of channels) {
        notices.push({ key: `${escalation.id}:${level}`, recipient, channel, category: 'on_call', urgent: true, templateId: ON_CALL_PAGE_TEMPLATE, items: [{ ruleId: null, templateId: ON_CALL_PAGE_TEMPLATE, event, ticket: escalation.ticket }], links });
      }
    }
    return notices;
  }
}

function sourceEvent(envelope: EscalationEnvelope): SourceEvent {
  const by = envelope.data.by;
  return {
    id: envelope.id,
    topic: notificationTopic.name,
    type: envelope.type,
    source: envelope.source,
    subject: envelope.subject,
    sequence: envelope.sequence,
    time: envelope.time,
    data: envelope.data,
    actorId: by === 'system' ? null : by,
    causationId: envelope.causationid ?? null,
    correlationId: envelope.correlationid,
  };
}
