import { createEnvelope, PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { SupplierInboundEventType, SupplierInboundPayload } from '@itsm/contracts';
import { CALLER, connection, IncidentStream } from '../../test-fixtures/incident-stream';
import { decide } from '../correlation/correlation';
import type { CorrelationRecord } from '../correlation/correlation';
import { applyIncidentEvent } from '../projection/ticket-view';
import type { TicketView } from '../projection/ticket-view';
import { SupplierExchangeError } from '../supplier-exchange.errors';
import { decideInbound } from './inbound';
import type { InboundDecision, SupplierInboundEvent } from './inbound';

const acme = connection();
const RECEIVED = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));

let messages = 0;
function inbound<T extends SupplierInboundEventType>(type: T, data: SupplierInboundPayload<T>, id = `acme-msg-${(messages += 1)}`): SupplierInboundEvent {
  return createEnvelope({ id, source: '/suppliers/acme', type, subject: data.ticketId, time: RECEIVED, data, sequence: messages, correlationid: 'acme-corr' }) as SupplierInboundEvent;
}

function record(overrides: Partial<CorrelationRecord> = {}): CorrelationRecord {
  return {
    ticketId: 'inc-1',
    supplierId: 'acme',
    supplierTicketId: null,
    expectedResolutionDate: null,
    sequence: 1,
    lastStatus: 'inProgress',
    incidentState: 'in_progress',
    incidentSequence: 2,
    inboundSequence: 0,
    ended: false,
    endReason: null,
    ...overrides,
  };
}

function decideFor(message: SupplierInboundEvent, records: readonly CorrelationRecord[]): InboundDecision {
  return decideInbound({ message, supplierId: 'acme', connection: acme, records, receivedAt: RECEIVED });
}

function applied(decision: InboundDecision): Extract<InboundDecision, { kind: 'apply' }> {
  if (decision.kind !== 'apply') throw new Error(`refused: ${decision.reason}`);
  return decision;
}

describe('inbound: a supplier\'s verified message', () => {
  it('becomes an update for the incident context, applied as the supplier\'s agent, with the mapped transition', () => {
    const { update } = applied(decideFor(inbound('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-1', resolution: 'Replaced the router' }, 'acme-msg-r'), [record()]));
    expect(update.type).toBe('itsm.supplier-exchange.update-received.v1');
    expect(update.id).toBe('supplier-update:acme:acme-msg-r');
    expect(update.causationid).toBe('acme-msg-r');
    expect(update.data).toEqual({
      ticketType: 'incident',
      ticketId: 'inc-1',
      supplierId: 'acme',
      agentId: 'p-acme-agent',
      inboundMessageId: 'acme-msg-r',
      expectedState: 'in_progress',
      action: { kind: 'resolve', resolution: 'Replaced the router' },
      transition: 'resolve',
      at: RECEIVED.toISOString(),
    });
    expect(() => new TopicRegistry(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES).validatePayload('itsm.supplier-exchange.v1', update.type, update.data)).not.toThrow();
  });

  it('gives the same inbound message the same update id (a resent message is one update)', () => {
    const message = inbound('itsm.supplier.trouble-ticket-note-added.v1', { ticketId: 'inc-1', noteId: 'an-1', text: 'On site at 14:00', author: 'Bob' }, 'acme-msg-n');
    expect(applied(decideFor(message, [record()])).update.id).toBe(applied(decideFor(message, [record()])).update.id);
  });

  it('numbers the supplier\'s updates of a ticket in its own stream', () => {
    const decision = applied(decideFor(inbound('itsm.supplier.trouble-ticket-rejected.v1', { ticketId: 'inc-1', reason: 'Not our network' }), [record({ inboundSequence: 4 })]));
    expect([decision.update.sequence, decision.record.inboundSequence, decision.update.source]).toEqual([5, 5, '/itsm/supplier-exchange/acme']);
    expect(decision.update.data.transition).toBeNull();
  });

  it('keeps the supplier\'s own ticket id from an acknowledgement, and starts work on a new ticket', () => {
    const decision = applied(decideFor(inbound('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: 'inc-1', externalIdentifier: 'ACME-77' }), [record({ incidentState: 'new' })]));
    expect(decision.record.supplierTicketId).toBe('ACME-77');
    expect(decision.update.data.transition).toBe('start-work');
  });

  it('keeps the expected resolution date of an update, and clears it when the supplier does', () => {
    const set = applied(decideFor(inbound('itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-1', expectedResolutionDate: '2026-11-21T09:00:00Z' }), [record()]));
    expect(set.record).toMatchObject({ expectedResolutionDate: '2026-11-21T09:00:00Z', supplierTicketId: null });
    const cleared = applied(decideFor(inbound('itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-1', expectedResolutionDate: null }), [set.record]));
    expect(cleared.record.expectedResolutionDate).toBeNull();
  });

  it('puts the ticket on hold awaiting the caller when the supplier needs information', () => {
    const decision = applied(decideFor(inbound('itsm.supplier.trouble-ticket-information-required.v1', { ticketId: 'inc-1', question: 'Which site?' }), [record()]));
    expect(decision.update.data.transition).toEqual({ kind: 'put-on-hold', reason: 'awaiting_caller' });
  });

  it.each([
    ['a resolve of a ticket never sent to anyone', [], 'unknown_ticket'],
    ['a resolve of a ticket sent to another supplier', [record({ supplierId: 'beta' })], 'another_suppliers_ticket'],
    ['a resolve of a ticket no longer assigned to the supplier', [record({ ended: true, endReason: 'reassigned' }), record({ supplierId: 'beta' })], 'engagement_ended'],
    ['a resolve of a ticket already resolved', [record({ incidentState: 'resolved' })], 'illegal_transition'],
    ['a resolve of a closed ticket', [record({ incidentState: 'closed' })], 'illegal_transition'],
  ])('refuses %s', (_label, records, reason) => {
    const decision = decideFor(inbound('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-1', resolution: 'done' }), records);
    expect(decision.kind === 'refuse' ? decision.reason : 'applied').toBe(reason);
  });

  it('refuses a message whose id is not plain text of at most 128 characters', () => {
    const decision = decideFor(inbound('itsm.supplier.trouble-ticket-rejected.v1', { ticketId: 'inc-1', reason: 'no' }, 'x'.repeat(129)), [record()]);
    expect(decision.kind === 'refuse' ? decision.reason : 'applied').toBe('malformed_message');
  });

  it('refuses to decide with another supplier\'s connection (a wiring fault)', () => {
    const message = inbound('itsm.supplier.trouble-ticket-rejected.v1', { ticketId: 'inc-1', reason: 'no' });
    expect(() => decideInbound({ message, supplierId: 'beta', connection: acme, records: [record()], receivedAt: RECEIVED })).toThrow(SupplierExchangeError);
  });

  it('acceptance: A\'s resolve maps to the resolve transition, and the incident event it causes is not echoed to A', () => {
    const s = new IncidentStream();
    let view: TicketView | null = null;
    let rec: CorrelationRecord | null = null;
    for (const event of [s.opened(), s.assigned('grp-acme-net', 'org-acme')]) {
      view = applyIncidentEvent(view, event);
      rec = decide({ record: rec, connection: acme, view, event, caller: CALLER }).record;
    }
    const decision = applied(decideFor(inbound('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-1', resolution: 'Replaced the router' }), [rec as CorrelationRecord]));
    expect(decision.update.data.transition).toBe('resolve');
    // The incident context applies it as Acme's agent and names the update as the cause.
    const resolved = s.next(
      'itsm.incident.resolved.v1',
      { resolutionCode: 'supplier', resolutionNotes: 'Replaced the router', cause: 'manual', causeId: null, state: 'resolved' },
      { by: decision.update.data.agentId, causationid: decision.update.id },
    );
    view = applyIncidentEvent(view, resolved);
    const echo = decide({ record: decision.record, connection: acme, view, event: resolved, caller: CALLER });
    expect(echo.events).toEqual([]);
    expect(echo.record?.lastStatus).toBe('resolved');
    // The same event, not caused by Acme (an agent resolving it), is sent as usual.
    const plain = s.next('itsm.incident.reopened.v1', { reason: 'Still down', reopenCount: 1, state: 'in_progress' });
    view = applyIncidentEvent(view, plain);
    expect(decide({ record: echo.record, connection: acme, view, event: plain, caller: CALLER }).events.map((e) => e.data.event.troubleTicket.status)).toEqual(['inProgress']);
  });
});

describe('the record after an applied message', () => {
  it("takes the supplier's facts of an update (its ticket id, its expected resolution date) with the update's sequence", () => {
    const decision = applied(decideFor(inbound('itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-1', externalIdentifier: 'ACME-8', expectedResolutionDate: '2026-11-22T09:00:00Z' }), [record({ inboundSequence: 2 })]));
    expect(decision.record).toMatchObject({ supplierTicketId: 'ACME-8', expectedResolutionDate: '2026-11-22T09:00:00Z', inboundSequence: 3 });
    expect(decision.update.sequence).toBe(3);
  });
});
