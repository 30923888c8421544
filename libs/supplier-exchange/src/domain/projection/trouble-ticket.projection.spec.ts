import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, supplierUpdateEventId, TopicRegistry } from '@itsm/contracts';
import { CALLER, connection, IncidentStream } from '../../test-fixtures/incident-stream';
import { SupplierExchangeError, SupplierExchangeErrorCode } from '../supplier-exchange.errors';
import { applyIncidentEvent } from './ticket-view';
import type { IncidentEvent, TicketView } from './ticket-view';
import { MAX_NOTES, maskEmail, maskPhone, projectTroubleTicket, RECENT_NOTES } from './trouble-ticket.projection';

const NO_FACTS = { supplierTicketId: null, expectedResolutionDate: null };

function fold(events: readonly IncidentEvent[]): TicketView {
  let view: TicketView | null = null;
  for (const event of events) view = applyIncidentEvent(view, event);
  if (view === null) throw new Error('no events');
  return view;
}

describe('TroubleTicket projection', () => {
  it('never carries work notes', () => {
    const s = new IncidentStream();
    const view = fold([s.opened(), s.note('work_note', 'caller is difficult, escalate quietly'), s.note('comment', 'Router replaced on site')]);
    const ticket = projectTroubleTicket(view, connection(), NO_FACTS, CALLER);
    expect(ticket.note.map((n) => n.text)).toEqual(['Router replaced on site']);
    expect(JSON.stringify(ticket)).not.toContain('escalate quietly');
  });

  it('never carries another supplier\'s notes, and tags this supplier\'s own notes with their source', () => {
    const s = new IncidentStream();
    const view = fold([
      s.opened(),
      s.note('comment', 'From Beta', { causationid: supplierUpdateEventId('beta', 'm-1') }),
      s.note('comment', 'From Acme', { causationid: supplierUpdateEventId('acme', 'm-2') }),
      s.note('comment', 'From the desk'),
    ]);
    const ticket = projectTroubleTicket(view, connection(), NO_FACTS, CALLER);
    expect(ticket.note.map((n) => [n.text, n.source, n.author])).toEqual([
      ['From Acme', 'supplier', 'Acme Networks'],
      ['From the desk', 'integrator', 'Contoso Service Desk'],
    ]);
  });

  it('keeps events bounded however long the conversation: the last 20 notes, up to 200 on a create; the view keeps at most 200 of each source', () => {
    const s = new IncidentStream();
    const opened = s.opened();
    const acme = Array.from({ length: 5 }, (_, i) => s.note('comment', `acme ${i}`, { causationid: supplierUpdateEventId('acme', `m-${i}`) }));
    const desk = Array.from({ length: 230 }, (_, i) => s.note('comment', `desk ${i}`));
    const view = fold([opened, ...acme, ...desk]);
    // The view: the 200 latest of ours and all 5 of Acme's (older notes of one source never push out another's).
    expect(view.notes.filter((n) => n.source.kind === 'integrator').map((n) => n.body)).toEqual(desk.slice(-200).map((e) => (e.data as { body: string }).body));
    expect(view.notes.filter((n) => n.source.kind === 'supplier')).toHaveLength(5);
    expect(projectTroubleTicket(view, connection(), NO_FACTS, CALLER).note.map((n) => n.text)).toEqual(['desk 210', 'desk 211', 'desk 212', 'desk 213', 'desk 214', 'desk 215', 'desk 216', 'desk 217', 'desk 218', 'desk 219', 'desk 220', 'desk 221', 'desk 222', 'desk 223', 'desk 224', 'desk 225', 'desk 226', 'desk 227', 'desk 228', 'desk 229']);
    expect(RECENT_NOTES).toBe(20);
    const created = projectTroubleTicket(view, connection(), NO_FACTS, CALLER, MAX_NOTES);
    expect(created.note).toHaveLength(MAX_NOTES);
    expect(created.note.at(-1)?.text).toBe('desk 229');
  });

  it('masks the caller\'s email and phone unless the connection allows contact details', () => {
    const s = new IncidentStream();
    const view = fold([s.opened()]);
    const masked = projectTroubleTicket(view, connection(), NO_FACTS, CALLER).relatedParty[0];
    expect(masked?.contactMedium).toEqual([
      { mediumType: 'email', value: 'j***@contoso.com', masked: true },
      { mediumType: 'phone', value: '***67', masked: true },
    ]);
    expect(masked?.name).toBe('Jane Doe');
    const clear = projectTroubleTicket(view, connection({ exposeCallerContact: true }), NO_FACTS, CALLER).relatedParty[0];
    expect(clear?.contactMedium.map((m) => m.value)).toEqual(['jane.doe@contoso.com', '+41 44 123 45 67']);
  });

  it('masks an address without a local part completely', () => {
    expect(maskEmail('@contoso.com')).toBe('***');
    expect(maskEmail('x@y.org')).toBe('x***@y.org');
    expect(maskPhone('12')).toBe('***12');
  });

  it('shows our states through the supplier\'s mapping, with a history of distinct statuses and reasons', () => {
    const s = new IncidentStream();
    const view = fold([
      s.opened(),
      s.assigned('grp-acme', 'org-acme'),
      s.next('itsm.incident.put-on-hold.v1', { reason: 'awaiting_caller', state: 'on_hold' }),
      s.next('itsm.incident.resumed.v1', { trigger: 'manual', state: 'in_progress' }),
    ]);
    const ticket = projectTroubleTicket(view, connection(), NO_FACTS, CALLER);
    expect(ticket.status).toBe('inProgress');
    expect(ticket.statusChangeHistory.map((h) => [h.status, h.statusChangeReason])).toEqual([
      ['acknowledged', null],
      ['inProgress', null],
      ['pending', 'awaiting_caller'],
      ['inProgress', null],
    ]);
    expect(ticket.statusChangeDate).toBe(view.history.at(-1)?.at);
  });

  it('carries the supplier\'s own ticket id next to our number once the supplier told us', () => {
    const view = fold([new IncidentStream().opened()]);
    const ticket = projectTroubleTicket(view, connection(), { supplierTicketId: 'ACME-77', expectedResolutionDate: '2026-11-21T10:00:00.000Z' }, CALLER);
    expect(ticket.externalIdentifier).toEqual([
      { id: 'INC0000001', owner: 'integrator', externalIdentifierType: 'ticketNumber' },
      { id: 'ACME-77', owner: 'supplier', externalIdentifierType: 'supplierTicketId' },
    ]);
    expect(ticket.expectedResolutionDate).toBe('2026-11-21T10:00:00.000Z');
  });

  it('lists the affected service and configuration items only when the connection allows them', () => {
    const view = fold([new IncidentStream().opened()]);
    expect(projectTroubleTicket(view, connection(), NO_FACTS, CALLER).relatedEntity.map((e) => e.id)).toEqual(['svc-vpn', 'ci-router-7']);
    expect(projectTroubleTicket(view, connection({ exposeRelatedEntities: false }), NO_FACTS, CALLER).relatedEntity).toEqual([]);
  });

  it('keeps the related entities within the contract\'s bound however many items were linked', () => {
    const s = new IncidentStream();
    const cis = Array.from({ length: 100 }, (_, i) => `ci-${i}`);
    const opened = s.opened({ configurationItemIds: cis });
    const linked = Array.from({ length: 5 }, (_, i) => s.next('itsm.incident.linked.v1', { kind: 'configuration_item', targetId: `ci-extra-${i}`, state: 'new' }));
    const view = fold([opened, ...linked]);
    expect(view.configurationItemIds).toHaveLength(105);
    expect(projectTroubleTicket(view, connection(), NO_FACTS, CALLER).relatedEntity).toHaveLength(101);
  });

  it('derives TMF severity from our impact and keeps our priority', () => {
    const s = new IncidentStream();
    const view = fold([
      s.opened(),
      s.next('itsm.incident.reprioritised.v1', { impact: 1, urgency: 1, priority: 1, previousImpact: 2, previousUrgency: 2, previousPriority: 2, cause: 'impact_urgency', state: 'new' }),
    ]);
    const ticket = projectTroubleTicket(view, connection(), NO_FACTS, CALLER);
    expect([ticket.severity, ticket.priority]).toEqual(['critical', '1']);
  });

  it('satisfies the contract\'s TroubleTicket schema', () => {
    const s = new IncidentStream();
    const view = fold([s.opened(), s.assigned('grp-acme', 'org-acme'), s.note('comment', 'hello')]);
    const troubleTicket = projectTroubleTicket(view, connection(), NO_FACTS, CALLER);
    const registry = new TopicRegistry(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES);
    expect(() =>
      registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-created.v1', { eventType: 'TroubleTicketCreateEvent', supplierId: 'acme', sequence: 1, event: { troubleTicket } }),
    ).not.toThrow();
  });

  describe('the ticket view', () => {
    it('ignores a duplicate or older incident event', () => {
      const s = new IncidentStream();
      const opened = s.opened();
      const note = s.note('comment', 'once');
      const view = fold([opened, note]);
      expect(applyIncidentEvent(view, note)).toBe(view);
    });

    it('refuses an event about a ticket it has not seen opened', () => {
      const s = new IncidentStream();
      s.opened();
      const error = (() => {
        try {
          applyIncidentEvent(null, s.note('comment', 'orphan'));
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(SupplierExchangeError);
      expect((error as SupplierExchangeError).code).toBe(SupplierExchangeErrorCode.UnknownTicket);
    });
  });
});
