import { createEnvelope, supplierOfCausation } from '@itsm/contracts';
import type { EngagementEndReasonSchema, EventOf, supplierOutboundFamily, TopicDefinition, TroubleTicket, TroubleTicketField, TroubleTicketStatus } from '@itsm/contracts';
import type { Static } from '@sinclair/typebox';
import type { SupplierConnection } from '../connection/supplier-connection';
import type { IncidentEvent, TicketView } from '../projection/ticket-view';
import type { CallerContact } from '../projection/trouble-ticket.projection';
import { MAX_NOTES, projectTroubleTicket } from '../projection/trouble-ticket.projection';
import { isTerminalState, outboundStatus } from '../state-mapping/state-mapping';
import type { IncidentState } from '../state-mapping/state-mapping';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../supplier-exchange.errors';

export type EngagementEndReason = Static<typeof EngagementEndReasonSchema>;
export type SupplierOutboundEvent = EventOf<TopicDefinition<string, (typeof supplierOutboundFamily)['events']>>;
type OutboundType = SupplierOutboundEvent['type'];

/** The source of every event the exchange sends a supplier. */
export const SUPPLIER_EXCHANGE_SOURCE = '/itsm/supplier-exchange';

/**
 * What ties one ticket to one supplier: created when the ticket is first assigned to one of the
 * supplier's groups; holds the supplier's own ticket id once it tells us and the position of the last
 * event sent to it; `ended` after the ticket left the supplier (one final event, then nothing until it
 * is assigned to the supplier again, which starts a new engagement on the same sequence).
 */
export interface CorrelationRecord {
  readonly ticketId: string;
  readonly supplierId: string;
  readonly supplierTicketId: string | null;
  readonly expectedResolutionDate: string | null;
  /** The sequence of the last event sent to the supplier about this ticket (1-based). */
  readonly sequence: number;
  /** The TMF status the supplier last knew (sent by us, or set by its own update). */
  readonly lastStatus: TroubleTicketStatus;
  /** Our state as of the last incident event considered. */
  readonly incidentState: IncidentState;
  /** The last incident event considered: one at or below it is a duplicate. */
  readonly incidentSequence: number;
  /** The sequence of the last update of this supplier passed on for this ticket (its update-received stream). */
  readonly inboundSequence: number;
  readonly ended: boolean;
  readonly endReason: EngagementEndReason | null;
}

export interface CorrelationDecision {
  /** The record after the event; null while the ticket never reached this supplier. */
  readonly record: CorrelationRecord | null;
  /** Events to send on the supplier's outbound topic, in order (at most one per incident event). */
  readonly events: readonly SupplierOutboundEvent[];
}

export interface CorrelationInput {
  readonly record: CorrelationRecord | null;
  readonly connection: SupplierConnection;
  /** The ticket view after `event` was folded in. */
  readonly view: TicketView;
  readonly event: IncidentEvent;
  readonly caller: CallerContact | null;
}

const TMF_EVENT: Readonly<Record<OutboundType, SupplierOutboundEvent['data']['eventType']>> = {
  'itsm.supplier.trouble-ticket-created.v1': 'TroubleTicketCreateEvent',
  'itsm.supplier.trouble-ticket-status-changed.v1': 'TroubleTicketStatusChangeEvent',
  'itsm.supplier.trouble-ticket-attribute-changed.v1': 'TroubleTicketAttributeValueChangeEvent',
  'itsm.supplier.trouble-ticket-note-added.v1': 'TroubleTicketAttributeValueChangeEvent',
  'itsm.supplier.trouble-ticket-withdrawn.v1': 'TroubleTicketStatusChangeEvent',
};

type Extra = { readonly changedFields: readonly TroubleTicketField[] } | { readonly changedFields: readonly ['note']; readonly noteId: string } | { readonly reason: EngagementEndReason } | Record<string, never>;

function emit(type: OutboundType, record: CorrelationRecord, event: IncidentEvent, troubleTicket: TroubleTicket, extra: Extra): SupplierOutboundEvent {
  return createEnvelope({
    // Stable per (incident event, supplier): a replayed incident event yields the same id, so the supplier dedupes.
    id: `${event.id}:${record.supplierId}`,
    source: SUPPLIER_EXCHANGE_SOURCE,
    type,
    subject: record.ticketId,
    time: new Date(event.time),
    data: { ...extra, eventType: TMF_EVENT[type], supplierId: record.supplierId, sequence: record.sequence, event: { troubleTicket } },
    sequence: record.sequence,
    correlationid: event.correlationid,
    causationid: event.id,
    tenant: record.supplierId,
  }) as SupplierOutboundEvent;
}

/** The attribute change an incident event makes visible to a supplier, if any (status changes aside). */
function changedFields(event: IncidentEvent, connection: SupplierConnection): TroubleTicketField[] {
  switch (event.type) {
    case 'itsm.incident.reprioritised.v1': {
      const fields: TroubleTicketField[] = [];
      if (event.data.priority !== event.data.previousPriority) fields.push('priority');
      if (event.data.impact !== event.data.previousImpact) fields.push('severity');
      return fields;
    }
    case 'itsm.incident.linked.v1':
    case 'itsm.incident.unlinked.v1':
      return connection.exposeRelatedEntities && (event.data.kind === 'service' || event.data.kind === 'configuration_item') ? ['relatedEntity'] : [];
    default:
      return [];
  }
}

function withdrawn(ticket: TroubleTicket, at: string, reason: EngagementEndReason): TroubleTicket {
  return {
    ...ticket,
    status: 'cancelled',
    statusChangeReason: reason,
    statusChangeDate: at,
    statusChangeHistory: [...ticket.statusChangeHistory.slice(-199), { status: 'cancelled', statusChangeDate: at, statusChangeReason: reason }],
  };
}

/**
 * What one incident event means to one supplier: the events to send it and its correlation record after.
 * Echo suppression: an event caused by this supplier's own update (its causation id names the supplier)
 * is not sent back to it; the record still follows it.
 */
export function decide(input: CorrelationInput): CorrelationDecision {
  const { record, connection, view, event } = input;
  if (view.id !== event.subject || (record !== null && (record.ticketId !== view.id || record.supplierId !== connection.supplierId))) {
    throw supplierExchangeError(SupplierExchangeErrorCode.Mismatch, `event about ${event.subject} decided for another ticket or supplier`, { ticketId: view.id, supplierId: connection.supplierId });
  }
  if (record !== null && event.sequence <= record.incidentSequence) return { record, events: [] };
  const assignedHere = view.assignedOrgId !== null && view.assignedOrgId === connection.organisationId;
  const status = outboundStatus(connection.stateMapping, view.state);
  const facts = { supplierTicketId: record?.supplierTicketId ?? null, expectedResolutionDate: record?.expectedResolutionDate ?? null };
  const project = (): TroubleTicket => projectTroubleTicket(view, connection, facts, input.caller);

  if (record === null || record.ended) {
    const engages = (event.type === 'itsm.incident.opened.v1' || event.type === 'itsm.incident.assigned.v1') && assignedHere;
    if (!engages || !connection.ticketKinds.includes('incident') || isTerminalState(view.state)) {
      return { record: record === null ? null : { ...record, incidentState: view.state, incidentSequence: event.sequence }, events: [] };
    }
    const started: CorrelationRecord = {
      ticketId: view.id,
      supplierId: connection.supplierId,
      supplierTicketId: null,
      expectedResolutionDate: null,
      sequence: (record?.sequence ?? 0) + 1,
      lastStatus: status,
      incidentState: view.state,
      incidentSequence: event.sequence,
      inboundSequence: record?.inboundSequence ?? 0,
      ended: false,
      endReason: null,
    };
    return { record: started, events: [emit('itsm.supplier.trouble-ticket-created.v1', started, event, projectTroubleTicket(view, connection, started, input.caller, MAX_NOTES), {})] };
  }

  const seen: CorrelationRecord = { ...record, incidentState: view.state, incidentSequence: event.sequence };
  if (!assignedHere) {
    const ended: CorrelationRecord = { ...seen, sequence: seen.sequence + 1, lastStatus: 'cancelled', ended: true, endReason: 'reassigned' };
    return { record: ended, events: [emit('itsm.supplier.trouble-ticket-withdrawn.v1', ended, event, withdrawn(project(), event.data.at, 'reassigned'), { reason: 'reassigned' })] };
  }
  const terminal: EngagementEndReason | null = view.state === 'closed' ? 'closed' : view.state === 'canceled' ? 'cancelled' : null;
  const echo = supplierOfCausation(event.causationid) === connection.supplierId;
  const next = (sends: boolean): CorrelationRecord => ({
    ...seen,
    sequence: sends ? seen.sequence + 1 : seen.sequence,
    lastStatus: status,
    ended: terminal !== null,
    endReason: terminal,
  });

  if (status !== record.lastStatus) {
    const after = next(!echo);
    return { record: after, events: echo ? [] : [emit('itsm.supplier.trouble-ticket-status-changed.v1', after, event, project(), {})] };
  }
  if (echo) return { record: next(false), events: [] };
  if (event.type === 'itsm.incident.note-added.v1') {
    const note = view.notes.find((n) => n.id === event.data.noteId);
    const visible = event.data.kind === 'comment' && note !== undefined && (note.source.kind === 'integrator' || note.source.supplierId === connection.supplierId);
    if (!visible) return { record: next(false), events: [] };
    const after = next(true);
    return { record: after, events: [emit('itsm.supplier.trouble-ticket-note-added.v1', after, event, project(), { changedFields: ['note'], noteId: event.data.noteId })] };
  }
  const fields = changedFields(event, connection);
  if (fields.length === 0) return { record: next(false), events: [] };
  const after = next(true);
  return { record: after, events: [emit('itsm.supplier.trouble-ticket-attribute-changed.v1', after, event, project(), { changedFields: fields })] };
}

/** The record after the supplier told us its own ticket id or its expected resolution date (what a projection shows it next). */
export function recordSupplierFacts(record: CorrelationRecord, facts: { readonly supplierTicketId?: string; readonly expectedResolutionDate?: string | null }): CorrelationRecord {
  return {
    ...record,
    supplierTicketId: facts.supplierTicketId ?? record.supplierTicketId,
    expectedResolutionDate: facts.expectedResolutionDate === undefined ? record.expectedResolutionDate : facts.expectedResolutionDate,
  };
}
