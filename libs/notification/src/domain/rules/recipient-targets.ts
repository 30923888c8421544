import { isMailAddress } from '../mail-address';
import type { SourceEvent } from '../notice';
import type { RecipientSpec } from './notification-rule';
import type { TicketFacts } from './ticket-facts';
import { profileOf, roleValue } from './ticket-profiles';

/** Who a recipient spec points at for one event, before the directory and the roster expand it. */
export type RecipientTarget =
  | { readonly kind: 'people'; readonly personIds: readonly string[] }
  | { readonly kind: 'members' | 'manager' | 'on_call'; readonly groupId: string }
  | { readonly kind: 'address'; readonly address: string };

const ids = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The ticket's group (its assignment group) after `event`, or null: whose on-call people an escalation a rule starts pages. */
export function ticketGroupOf(event: Pick<SourceEvent, 'topic' | 'data'>, facts: TicketFacts | null): string | null {
  const profile = facts === null ? profileOf(event.topic) : profileOf(facts.topic);
  return ids(roleValue(profile, 'group', facts?.fields ?? {}, event.data))[0] ?? null;
}

/**
 * The target of `spec` for `event` and its ticket's facts (after the event): ticket roles read the
 * facts, then the payload (approvers only the payload: the event names them). Null when the ticket
 * has nobody in that role (no assignee yet, no group).
 */
export function recipientTarget(spec: RecipientSpec, event: Pick<SourceEvent, 'topic' | 'data'>, facts: TicketFacts | null): RecipientTarget | null {
  const profile = facts === null ? profileOf(event.topic) : profileOf(facts.topic);
  const fields = facts?.fields ?? {};
  const group = (): string | null => ticketGroupOf(event, facts);
  const people = (personIds: string[]): RecipientTarget | null => (personIds.length === 0 ? null : { kind: 'people', personIds: [...new Set(personIds)] });
  switch (spec.kind) {
    case 'assignee':
    case 'caller':
    case 'requester':
      return people(ids(roleValue(profile, spec.kind, fields, event.data)));
    case 'approvers':
      return people(ids(roleValue(profileOf(event.topic), 'approvers', event.data)));
    case 'owner':
      return people(ids(roleValue(profile, 'owner', fields, event.data)));
    case 'contact': {
      const address = roleValue(profile, 'contact', event.data, fields);
      return typeof address === 'string' && isMailAddress(address) ? { kind: 'address', address } : null;
    }
    case 'person':
      return people([spec.personId]);
    case 'assignment_group':
    case 'group_manager': {
      const groupId = group();
      return groupId === null ? null : { kind: spec.kind === 'assignment_group' ? 'members' : 'manager', groupId };
    }
    case 'group':
      return { kind: 'members', groupId: spec.groupId };
    case 'on_call': {
      const groupId = spec.groupId ?? group();
      return groupId === null ? null : { kind: 'on_call', groupId };
    }
    case 'address':
      return { kind: 'address', address: spec.address };
  }
}
