import type { SourceEvent } from '../notice';
import { profileOf, roleValue, valueAt } from './ticket-profiles';

/** The merged latest payload fields of one record's events (per topic and subject), and the sequence they reached. */
export interface TicketFacts {
  readonly topic: string;
  readonly subject: string;
  readonly sequence: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Where an event's ticket facts live: its own record, or (an SLA event) the ticket it measures; null when not kept. */
export function factsKeyOf(event: Pick<SourceEvent, 'topic' | 'subject' | 'data'>): { readonly topic: string; readonly subject: string; readonly own: boolean } | null {
  const about = profileOf(event.topic).about;
  if (about === undefined) return { topic: event.topic, subject: event.subject, own: true };
  const type = valueAt(event.data, about.typeField);
  const id = valueAt(event.data, about.idField);
  const topic = typeof type === 'string' ? about.topics[type] : undefined;
  return topic === undefined || typeof id !== 'string' ? null : { topic, subject: id, own: false };
}

/**
 * The facts after `event` (its payload fields overwrite): an event at or below the sequence the
 * facts reached (a duplicate, an older one) changes nothing.
 */
export function mergeFacts(current: TicketFacts | null, event: Pick<SourceEvent, 'topic' | 'subject' | 'sequence' | 'data'>): TicketFacts {
  const base = current ?? { topic: event.topic, subject: event.subject, sequence: 0, fields: {} };
  const sequence = event.sequence ?? base.sequence + 1;
  if (sequence <= base.sequence) return base;
  return { ...base, sequence, fields: { ...base.fields, ...event.data } };
}

/** The number, title and storm root (the parent of a child incident, else the record) facts name. */
export function ticketIdentity(facts: TicketFacts | null, event: Pick<SourceEvent, 'topic' | 'subject' | 'data'>): { readonly id: string; readonly topic: string; readonly number: string | null; readonly title: string | null; readonly rootId: string } {
  const ownProfile = profileOf(event.topic);
  const profile = facts === null ? ownProfile : profileOf(facts.topic);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const fields = facts?.fields ?? {};
  const id = facts?.subject ?? event.subject;
  const number = text(roleValue(profile, 'number', fields)) ?? text(roleValue(ownProfile, 'number', event.data));
  const title = text(roleValue(profile, 'title', fields)) ?? text(roleValue(ownProfile, 'title', event.data));
  const parent = text(roleValue(profile, 'parent', fields));
  return { id, topic: facts?.topic ?? event.topic, number, title, rootId: parent ?? id };
}
