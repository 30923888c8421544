import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, supplierUpdateEventId, TopicRegistry } from '@itsm/contracts';
import { CALLER, connection, IncidentStream } from '../../test-fixtures/incident-stream';
import type { SupplierConnection } from '../connection/supplier-connection';
import { applyIncidentEvent } from '../projection/ticket-view';
import type { IncidentEvent, TicketView } from '../projection/ticket-view';
import { SupplierExchangeError } from '../supplier-exchange.errors';
import { decide, recordSupplierFacts } from './correlation';
import type { CorrelationRecord, SupplierOutboundEvent } from './correlation';

const acme = connection();

/** Feeds incident events through the ticket view and one supplier's decision, collecting what it was sent. */
class SupplierFeed {
  view: TicketView | null = null;
  record: CorrelationRecord | null = null;
  readonly sent: SupplierOutboundEvent[] = [];

  constructor(readonly connection: SupplierConnection) {}

  feed(...events: IncidentEvent[]): SupplierOutboundEvent[] {
    const out: SupplierOutboundEvent[] = [];
    for (const event of events) {
      this.view = applyIncidentEvent(this.view, event);
      const decision = decide({ record: this.record, connection: this.connection, view: this.view, event, caller: CALLER });
      this.record = decision.record;
      out.push(...decision.events);
    }
    this.sent.push(...out);
    return out;
  }
}

const types = (events: readonly SupplierOutboundEvent[]) => events.map((e) => e.type.replace('itsm.supplier.trouble-ticket-', '').replace('.v1', ''));

describe('correlation: what an incident event means to one supplier', () => {
  it('sends nothing while the ticket is with an internal group, and keeps no record', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    expect(feed.feed(s.opened(), s.note('comment', 'looking'))).toEqual([]);
    expect(feed.record).toBeNull();
  });

  it('creates the record and sends a create on the first assignment to one of the supplier\'s groups', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    const [created] = feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    expect(created?.type).toBe('itsm.supplier.trouble-ticket-created.v1');
    expect(created?.data).toMatchObject({ eventType: 'TroubleTicketCreateEvent', supplierId: 'acme', sequence: 1 });
    expect(created?.data.event.troubleTicket.status).toBe('inProgress');
    expect(feed.record).toMatchObject({ ticketId: 'inc-1', supplierId: 'acme', sequence: 1, ended: false });
  });

  it('creates at once for a ticket opened straight into the supplier\'s group', () => {
    const s = new IncidentStream();
    expect(types(new SupplierFeed(acme).feed(s.opened({ assignmentGroupId: 'grp-acme-net', assignedOrgId: 'org-acme' })))).toEqual(['created']);
  });

  it('sends nothing to a supplier whose connection does not take incidents', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed({ ...acme, ticketKinds: [] });
    expect(feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'))).toEqual([]);
  });

  it('sends nothing for a move between two of the supplier\'s own groups', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    expect(feed.feed(s.assigned('grp-acme-field', 'org-acme'))).toEqual([]);
  });

  it('sends a status change only when the supplier\'s status changes', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const held = feed.feed(s.next('itsm.incident.put-on-hold.v1', { reason: 'awaiting_caller', state: 'on_hold' }));
    expect(types(held)).toEqual(['status-changed']);
    expect(held[0]?.data.event.troubleTicket.status).toBe('pending');
    expect(feed.feed(s.next('itsm.incident.major-promoted.v1', { state: 'on_hold' }))).toEqual([]);
  });

  it('names the changed fields of a reprioritisation', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const [changed] = feed.feed(
      s.next('itsm.incident.reprioritised.v1', { impact: 2, urgency: 1, priority: 1, previousImpact: 2, previousUrgency: 2, previousPriority: 2, cause: 'impact_urgency', state: 'in_progress' }),
    );
    expect(changed?.data).toMatchObject({ eventType: 'TroubleTicketAttributeValueChangeEvent', changedFields: ['priority'] });
  });

  it('sends a comment as a note event and never a work note', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    expect(feed.feed(s.note('work_note', 'internal only'))).toEqual([]);
    const [note] = feed.feed(s.note('comment', 'Caller confirms outage'));
    expect(note?.data).toMatchObject({ changedFields: ['note'], noteId: 'note-4' });
  });

  it('ends the engagement with one final event when the ticket is reassigned away, and sends nothing after it', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const [final] = feed.feed(s.assigned('grp-desk', 'org-internal'));
    expect(final?.type).toBe('itsm.supplier.trouble-ticket-withdrawn.v1');
    expect(final?.data).toMatchObject({ eventType: 'TroubleTicketStatusChangeEvent', reason: 'reassigned', sequence: 2 });
    expect(final?.data.event.troubleTicket).toMatchObject({ status: 'cancelled', statusChangeReason: 'reassigned' });
    expect(feed.record).toMatchObject({ ended: true, endReason: 'reassigned' });
    expect(feed.feed(s.note('comment', 'after'), s.next('itsm.incident.put-on-hold.v1', { reason: 'awaiting_vendor', state: 'on_hold' }))).toEqual([]);
  });

  it('still sends the final event when the reassignment followed the supplier\'s own rejection', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const back = s.next(
      'itsm.incident.assigned.v1',
      { groupId: 'grp-desk', orgId: 'org-internal', assigneeId: null, previousGroupId: 'grp-acme-net', previousOrgId: 'org-acme', previousAssigneeId: null, state: 'in_progress' },
      { causationid: supplierUpdateEventId('acme', 'reject-1') },
    );
    expect(types(feed.feed(back))).toEqual(['withdrawn']);
  });

  it('starts a new engagement on the same sequence when the ticket comes back to the supplier', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'), s.assigned('grp-desk', 'org-internal'));
    feed.record = recordSupplierFacts(feed.record as CorrelationRecord, { supplierTicketId: 'ACME-1' });
    const [again] = feed.feed(s.assigned('grp-acme-net', 'org-acme'));
    expect(again?.data).toMatchObject({ eventType: 'TroubleTicketCreateEvent', sequence: 3 });
    expect(feed.record).toMatchObject({ ended: false, supplierTicketId: null });
  });

  it('ends the engagement with the closing status change', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    feed.feed(s.next('itsm.incident.resolved.v1', { resolutionCode: 'fixed', resolutionNotes: 'Router replaced', cause: 'manual', causeId: null, state: 'resolved' }));
    const [closed] = feed.feed(s.next('itsm.incident.closed.v1', { automatic: true, state: 'closed' }));
    expect(closed?.data.event.troubleTicket.status).toBe('closed');
    expect(feed.record).toMatchObject({ ended: true, endReason: 'closed' });
  });

  it('ignores a redelivered incident event, and gives the same event the same id when replayed from scratch', () => {
    const s = new IncidentStream();
    const events = [s.opened(), s.assigned('grp-acme-net', 'org-acme'), s.note('comment', 'hi')];
    const feed = new SupplierFeed(acme);
    feed.feed(...events);
    expect(feed.feed(events[2] as IncidentEvent)).toEqual([]);
    const replay = new SupplierFeed(acme);
    replay.feed(...events);
    expect(replay.sent.map((e) => e.id)).toEqual(feed.sent.map((e) => e.id));
    expect(new Set(feed.sent.map((e) => e.id)).size).toBe(feed.sent.length);
  });

  it('does not echo a supplier\'s own update back to it, but still follows its status', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const cause = { causationid: supplierUpdateEventId('acme', 'msg-1'), by: 'p-acme-agent' };
    expect(feed.feed(s.next('itsm.incident.put-on-hold.v1', { reason: 'awaiting_caller', state: 'on_hold' }, cause))).toEqual([]);
    expect(feed.record?.lastStatus).toBe('pending');
    expect(feed.feed(s.note('comment', 'Acme\'s own note', { causationid: cause.causationid }))).toEqual([]);
  });

  it('refuses a record of another supplier', () => {
    const s = new IncidentStream();
    const feed = new SupplierFeed(acme);
    feed.feed(s.opened(), s.assigned('grp-acme-net', 'org-acme'));
    const other = connection({ supplierId: 'beta', organisationId: 'org-beta' });
    const event = s.note('comment', 'x');
    const view = applyIncidentEvent(feed.view, event);
    expect(() => decide({ record: feed.record, connection: other, view, event, caller: null })).toThrow(SupplierExchangeError);
  });

  describe('acceptance: a ticket travels from supplier A to supplier B', () => {
    const beta = connection({ supplierId: 'beta', organisationId: 'org-beta', name: 'Beta Field Services' });
    const registry = new TopicRegistry(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES);
    const s = new IncidentStream();
    const a = new SupplierFeed(acme);
    const b = new SupplierFeed(beta);
    const both = (...events: IncidentEvent[]) => {
      a.feed(...events);
      b.feed(...events);
    };

    it('assigned to A: A gets create, status and note events in order, without work notes and with the caller\'s email masked; B nothing', () => {
      both(
        s.opened(),
        s.assigned('grp-acme-net', 'org-acme', 'new'),
        s.next('itsm.incident.work-started.v1', { state: 'in_progress' }),
        s.note('work_note', 'internal: caller is a VIP'),
        s.note('comment', 'Please check the router'),
      );
      expect(types(a.sent)).toEqual(['created', 'status-changed', 'note-added']);
      expect(a.sent.map((e) => e.data.sequence)).toEqual([1, 2, 3]);
      expect(a.sent.map((e) => e.sequence)).toEqual([1, 2, 3]);
      const last = a.sent.at(-1)?.data.event.troubleTicket;
      expect(JSON.stringify(a.sent)).not.toContain('VIP');
      expect(last?.relatedParty[0]?.contactMedium[0]).toEqual({ mediumType: 'email', value: 'j***@contoso.com', masked: true });
      expect(b.sent).toEqual([]);
      for (const event of a.sent) expect(() => registry.validatePayload('itsm.supplier.acme.out.v1', event.type, event.data)).not.toThrow();
    });

    it('reassigned to B: A gets a final event, B the create', () => {
      both(s.assigned('grp-beta-field', 'org-beta'));
      expect(types(a.sent)).toEqual(['created', 'status-changed', 'note-added', 'withdrawn']);
      expect(types(b.sent)).toEqual(['created']);
      expect(b.sent[0]?.data.event.troubleTicket.note.map((n) => n.text)).toEqual(['Please check the router']);
      expect(b.sent[0]?.subject).toBe('inc-1');
      expect(b.sent[0]?.tenant).toBe('beta');
    });

    it('B\'s resolve, applied by the incident context, is not echoed to B; A hears nothing more', () => {
      both(
        s.next(
          'itsm.incident.resolved.v1',
          { resolutionCode: 'supplier', resolutionNotes: 'Replaced the router', cause: 'manual', causeId: null, state: 'resolved' },
          { causationid: supplierUpdateEventId('beta', 'beta-msg-7'), by: 'p-beta-agent' },
        ),
      );
      expect(types(b.sent)).toEqual(['created']);
      expect(b.record?.lastStatus).toBe('resolved');
      expect(types(a.sent)).toEqual(['created', 'status-changed', 'note-added', 'withdrawn']);
    });
  });
});
