import { recipientKey } from '../notice';
import type { Channel, Notice, Recipient, SourceEvent, TicketRef } from '../notice';
import type { NotificationRule } from './notification-rule';

/** A person as the directory projection gives them (what a notice to them needs). */
export interface CandidatePerson {
  readonly id: string;
  /** Lower-case: contexts that record their actor by token subject (the incident's `by`) name people by it. */
  readonly userName?: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly email: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly chatHandle: string | null;
}

/** Why a candidate gets no notice: their own act, deactivated, no mail address, not in the directory, another rule's notice already reaches them there. */
export const DROP_REASONS = ['actor', 'inactive', 'no_address', 'unknown_person', 'duplicate'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** One matching rule with the people its recipients resolved to (in order) and its fixed addresses. */
export interface RuleMatch {
  readonly rule: NotificationRule;
  readonly personIds: readonly string[];
  readonly addresses: readonly string[];
}

/** What became of one (rule, recipient, channel) candidate. */
export interface CandidateOutcome {
  readonly ruleId: string;
  readonly recipientKey: string;
  readonly channel: Channel;
  readonly dropped: DropReason | null;
}

export interface NoticePlan {
  readonly notices: readonly Notice[];
  readonly outcomes: readonly CandidateOutcome[];
}

/** Whether the person caused the event: by their directory id, or by the user name a context records as its actor. */
function isActor(person: CandidatePerson, actorId: string | null): boolean {
  return actorId !== null && (person.id === actorId || person.userName === actorId.toLowerCase());
}

function personRecipient(person: CandidatePerson): Recipient {
  return { kind: 'person', personId: person.id, userName: person.userName ?? null, displayName: person.displayName, email: person.email, locale: person.locale, timeZone: person.timeZone, chatHandle: person.chatHandle };
}

/**
 * The notices an event gives: one per recipient and channel, keyed by the event id. Matches are
 * taken in rule-id order and the first rule reaching a (recipient, channel) wins (its category,
 * urgency and template); later ones are recorded as `duplicate`. The event's actor, inactive and
 * unknown people, and people without a mail address (email only) get nothing.
 */
export function planNotices(event: SourceEvent, ticket: TicketRef, matches: readonly RuleMatch[], people: ReadonlyMap<string, CandidatePerson>): NoticePlan {
  const notices: Notice[] = [];
  const outcomes: CandidateOutcome[] = [];
  const taken = new Set<string>();
  const ordered = [...matches].sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  for (const { rule, personIds, addresses } of ordered) {
    const offer = (key: string, recipient: Recipient | null, channel: Channel, dropped: CandidateOutcome['dropped']): void => {
      const duplicate = dropped === null && taken.has(`${key}\u0000${channel}`);
      outcomes.push({ ruleId: rule.id, recipientKey: key, channel, dropped: duplicate ? 'duplicate' : dropped });
      if (dropped !== null || duplicate || recipient === null) return;
      taken.add(`${key}\u0000${channel}`);
      notices.push({ key: event.id, recipient, channel, category: rule.category, urgent: rule.urgent, templateId: rule.templateId, items: [{ ruleId: rule.id, templateId: rule.templateId, event, ticket }] });
    };
    for (const personId of personIds) {
      const person = people.get(personId);
      for (const channel of rule.channels) {
        const key = `person:${personId}`;
        if (person === undefined) offer(key, null, channel, 'unknown_person');
        else if (isActor(person, event.actorId)) offer(key, null, channel, 'actor');
        else if (!person.active) offer(key, null, channel, 'inactive');
        else if (channel === 'email' && person.email === null) offer(key, null, channel, 'no_address');
        else offer(key, personRecipient(person), channel, null);
      }
    }
    if (rule.channels.includes('email')) {
      for (const address of addresses) {
        const recipient: Recipient = { kind: 'address', address };
        offer(recipientKey(recipient), recipient, 'email', null);
      }
    }
    for (const endpoint of rule.endpoints) {
      const recipient: Recipient = { kind: 'endpoint', endpointId: endpoint.endpointId };
      offer(recipientKey(recipient), recipient, endpoint.channel, null);
    }
  }
  return { notices, outcomes };
}
