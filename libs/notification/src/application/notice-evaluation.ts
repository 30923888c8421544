import { Clock } from '@itsm/platform/config';
import { DirectoryProjection } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { conditionsHold, planNotices, profileOf, recipientTarget, ticketIdentity } from '../domain';
import type { NoticePlan, NotificationRule, RecipientTarget, RuleMatch, TicketRef } from '../domain';
import { NOTIFICATION_SETTINGS } from '../notification-env';
import type { NotificationSettings } from '../notification-env';
import { PersonRefs } from './person-refs';
import type { RecordedEvent } from './ports/notifiable-event-store.port';
import { OnCallRoster } from './ports/on-call-roster.port';

/** The most people one group or roster contributes to one rule (a larger group is a mistake, not an audience). */
const MAX_PEOPLE_PER_TARGET = 500;

/**
 * Turns a recorded event and rules into notices: the rules whose conditions hold, their recipients
 * resolved through the directory projection (group members, a group's manager) and the on-call
 * roster (at the event's time), then `planNotices` (one per recipient and channel, the actor and
 * inactive people dropped). The consumer delivers the plan; the dry run shows it.
 */
@Injectable()
export class NoticeEvaluation {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly personRefs: PersonRefs,
    private readonly roster: OnCallRoster,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  /** The rules among `rules` whose trigger matches the recorded event. */
  matching(recorded: RecordedEvent, rules: readonly NotificationRule[]): NotificationRule[] {
    return rules.filter((rule) => rule.trigger.eventType === recorded.event.type && conditionsHold(rule.trigger.conditions, { event: recorded.event, before: recorded.before, after: recorded.after }));
  }

  async plan(recorded: RecordedEvent, rules: readonly NotificationRule[]): Promise<NoticePlan> {
    const resolved = await Promise.all(this.matching(recorded, rules).map((rule) => this.resolve(rule, recorded)));
    const { idOf, people } = await this.personRefs.resolve(resolved.flatMap((m) => m.personIds));
    const matches = resolved.map((m) => ({ ...m, personIds: [...new Set(m.personIds.map(idOf))] }));
    return planNotices(recorded.event, this.ticketOf(recorded), matches, people);
  }

  ticketOf(recorded: RecordedEvent): TicketRef {
    const identity = ticketIdentity(recorded.after, recorded.event);
    const path = profileOf(identity.topic).linkPath ?? identity.topic.split('.')[1] ?? identity.topic;
    return { ...identity, link: `${this.settings.linkBaseUrl}/${path}/${encodeURIComponent(identity.id)}` };
  }

  private async resolve(rule: NotificationRule, recorded: RecordedEvent): Promise<RuleMatch> {
    const targets = rule.recipients.flatMap((spec) => {
      const target = recipientTarget(spec, recorded.event, recorded.after);
      return target === null ? [] : [target];
    });
    const groupIds = [...new Set(targets.flatMap((t) => (t.kind === 'members' || t.kind === 'manager' ? [t.groupId] : [])))];
    const groups = await this.directory.groups(groupIds);
    const at = Date.parse(recorded.event.time);
    const personIdsOf = async (target: RecipientTarget): Promise<readonly string[]> => {
      switch (target.kind) {
        case 'people':
          return target.personIds;
        case 'members':
          return (groups.get(target.groupId)?.memberIds ?? []).slice(0, MAX_PEOPLE_PER_TARGET);
        case 'manager': {
          const managerId = groups.get(target.groupId)?.managerId ?? null;
          return managerId === null ? [] : [managerId];
        }
        case 'on_call':
          return (await this.roster.onCall(target.groupId, Number.isNaN(at) ? this.clock.now().getTime() : at)).slice(0, MAX_PEOPLE_PER_TARGET);
        case 'address':
          return [];
      }
    };
    const personIds = (await Promise.all(targets.map(personIdsOf))).flat();
    const addresses = targets.flatMap((t) => (t.kind === 'address' ? [t.address.toLowerCase()] : []));
    return { rule, personIds: [...new Set(personIds)], addresses: [...new Set(addresses)] };
  }
}
