import type { Notice, TicketRef } from '../../notice';

/** A ticket for delivery specs. */
export const SPEC_TICKET: TicketRef = { topic: 'itsm.incident.v1', id: 'inc-1', number: 'INC0000001', title: 'Router down', link: 'https://portal.itsm.test/incidents/inc-1', rootId: 'inc-1' };

/** A notice for delivery specs: an incident's assignment mailed to a fixed address, one item for `ticket`; `over` replaces fields. */
export function specNotice(over: Partial<Notice> = {}, ticket: TicketRef = SPEC_TICKET): Notice {
  const key = over.key ?? 'evt-1';
  const event = { id: key, topic: ticket.topic, type: 'itsm.incident.assigned.v1', source: 'incident', subject: ticket.id, sequence: 1, time: '2026-01-01T00:00:00.000Z', data: {}, actorId: null, causationId: null, correlationId: null };
  return { key, recipient: { kind: 'address', address: 'ops@example.org' }, channel: 'email', category: 'assignment', urgent: false, templateId: 'tpl', items: [{ ruleId: 'r1', templateId: 'tpl', ticket, event }], ...over };
}
