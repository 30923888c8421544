import { ContractError, ContractErrorCode } from '../contract.errors';
import { TopicRegistry } from '../topic-registry';
import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS } from './platform-topics';
import { supplierOfCausation, supplierUpdateEventId } from './supplier.topic';
import type { TroubleTicket } from './supplier.topic';

const registry = new TopicRegistry(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES);

const ticket: TroubleTicket = {
  id: 'inc-1',
  name: 'VPN down',
  description: 'No tunnel since 9:00',
  ticketType: 'incident',
  status: 'acknowledged',
  statusChangeReason: null,
  statusChangeDate: '2026-11-20T10:00:00Z',
  severity: 'major',
  priority: '2',
  creationDate: '2026-11-20T10:00:00Z',
  lastUpdate: '2026-11-20T10:00:00Z',
  expectedResolutionDate: null,
  resolutionDate: null,
  externalIdentifier: [{ id: 'INC0000001', owner: 'integrator', externalIdentifierType: 'ticketNumber' }],
  relatedParty: [{ role: 'caller', id: 'p-1', name: 'Jane Doe', contactMedium: [{ mediumType: 'email', value: 'j***@contoso.com', masked: true }] }],
  relatedEntity: [{ role: 'affectedService', id: 'svc-vpn', referredType: 'Service' }],
  note: [{ id: 'n-1', author: 'Service desk', date: '2026-11-20T10:01:00Z', text: 'Caller on site B', source: 'integrator' }],
  statusChangeHistory: [{ status: 'acknowledged', statusChangeDate: '2026-11-20T10:00:00Z', statusChangeReason: null }],
};
const created = { eventType: 'TroubleTicketCreateEvent', supplierId: 'acme', sequence: 1, event: { troubleTicket: ticket } };

function codeOf(run: () => void): ContractErrorCode | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof ContractError) return error.code;
    throw error;
  }
}

describe('supplier topics', () => {
  it('resolves a supplier\'s outbound and inbound topics as members of their families', () => {
    expect(registry.familyOf('itsm.supplier.acme.out.v1')?.value).toBe('acme');
    expect(registry.familyOf('itsm.supplier.acme.in.v1')?.value).toBe('acme');
    expect(registry.topic('itsm.supplier.Acme.out.v1')).toBeUndefined();
  });

  it('accepts a create event carrying the whole projected TroubleTicket and its sequence', () => {
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-created.v1', created))).toBeNull();
  });

  it('refuses a TroubleTicket with a field the contract does not name (a work note smuggled in)', () => {
    const leaky = { ...created, event: { troubleTicket: { ...ticket, workNotes: ['internal'] } } };
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-created.v1', leaky))).toBe(ContractErrorCode.InvalidPayload);
  });

  it('refuses a status outside TMF621\'s set and a TMF event name that does not match the event type', () => {
    const badStatus = { ...created, event: { troubleTicket: { ...ticket, status: 'open' } } };
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-created.v1', badStatus))).toBe(ContractErrorCode.InvalidPayload);
    const misnamed = { ...created, eventType: 'TroubleTicketStatusChangeEvent' };
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-created.v1', misnamed))).toBe(ContractErrorCode.InvalidPayload);
  });

  it('accepts a note-added event as TMF621\'s attribute change of `note`', () => {
    const noteAdded = { ...created, eventType: 'TroubleTicketAttributeValueChangeEvent', sequence: 2, changedFields: ['note'], noteId: 'n-1' };
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.out.v1', 'itsm.supplier.trouble-ticket-note-added.v1', noteAdded))).toBeNull();
  });

  it('accepts a supplier\'s update of its own ticket id and expected resolution date', () => {
    const update = { ticketId: 'inc-1', externalIdentifier: 'ACME-77', expectedResolutionDate: '2026-11-21T10:00:00Z' };
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.in.v1', 'itsm.supplier.trouble-ticket-updated.v1', update))).toBeNull();
  });

  it.each([
    ['an update that changes nothing', 'itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-1' }],
    ['an update of the priority (ours to set)', 'itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-1', priority: '1' }],
    ['a rejection without a reason', 'itsm.supplier.trouble-ticket-rejected.v1', { ticketId: 'inc-1', reason: '' }],
    ['a note with a control character', 'itsm.supplier.trouble-ticket-note-added.v1', { ticketId: 'inc-1', noteId: 'a-1', text: 'hi\u001b[2J', author: 'Bob' }],
    ['a resolution of 20,001 characters', 'itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-1', resolution: 'x'.repeat(20_001) }],
    ['an outbound event sent inbound', 'itsm.supplier.trouble-ticket-created.v1', created],
  ])('refuses %s from a supplier', (_label, type, data) => {
    expect(codeOf(() => registry.validatePayload('itsm.supplier.acme.in.v1', type, data))).not.toBeNull();
  });

  it('accepts a verified update for the incident context, its action and transition strict', () => {
    const update = {
      ticketType: 'incident',
      ticketId: 'inc-1',
      supplierId: 'acme',
      agentId: 'p-acme-agent',
      inboundMessageId: 'msg-9',
      expectedState: 'in_progress',
      action: { kind: 'resolve', resolution: 'Replaced the router' },
      transition: 'resolve',
      at: '2026-11-20T12:00:00Z',
    };
    expect(codeOf(() => registry.validatePayload('itsm.supplier-exchange.v1', 'itsm.supplier-exchange.update-received.v1', update))).toBeNull();
    const extra = { ...update, action: { kind: 'resolve', resolution: 'x', priority: 1 } };
    expect(codeOf(() => registry.validatePayload('itsm.supplier-exchange.v1', 'itsm.supplier-exchange.update-received.v1', extra))).toBe(ContractErrorCode.InvalidPayload);
  });

  it('reads the supplier back from the causation id of an update\'s consequences', () => {
    expect(supplierOfCausation(supplierUpdateEventId('acme-eu', 'msg:9'))).toBe('acme-eu');
    expect(supplierOfCausation('evt-123')).toBeNull();
    expect(supplierOfCausation(undefined)).toBeNull();
    expect(supplierOfCausation('supplier-update:Bad_Id:msg')).toBeNull();
  });
});
