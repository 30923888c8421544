import { checkText, createEnvelope, supplierUpdateEventId } from '@itsm/contracts';
import type { EventEnvelope, EventOf, SupplierAction, SupplierUpdateReceived, supplierInboundFamily, TopicDefinition } from '@itsm/contracts';
import type { SupplierConnection } from '../connection/supplier-connection';
import { recordSupplierFacts, SUPPLIER_EXCHANGE_SOURCE } from '../correlation/correlation';
import type { CorrelationRecord } from '../correlation/correlation';
import { inboundTransition } from '../state-mapping/state-mapping';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../supplier-exchange.errors';

export type SupplierInboundEvent = EventOf<TopicDefinition<string, (typeof supplierInboundFamily)['events']>>;
export type SupplierUpdateEnvelope = EventEnvelope<'itsm.supplier-exchange.update-received.v1', SupplierUpdateReceived>;

/** Why a supplier's message is not applied; told back to the supplier, so it names no other supplier. */
export const INBOUND_REFUSALS = ['malformed_message', 'unknown_ticket', 'another_suppliers_ticket', 'engagement_ended', 'illegal_transition'] as const;
export type InboundRefusal = (typeof INBOUND_REFUSALS)[number];

export interface InboundInput {
  /** A message whose signature and payload schema the messaging layer verified, and which it deduplicated on (source, id). */
  readonly message: SupplierInboundEvent;
  /** The supplier whose inbound topic carried the message (from the topic name, never from the message). */
  readonly supplierId: string;
  readonly connection: SupplierConnection;
  /** Every correlation record of the ticket the message names, of any supplier. */
  readonly records: readonly CorrelationRecord[];
  readonly receivedAt: Date;
}

export type InboundDecision =
  | { readonly kind: 'apply'; readonly update: SupplierUpdateEnvelope; readonly record: CorrelationRecord }
  | { readonly kind: 'refuse'; readonly reason: InboundRefusal; readonly message: string };

function actionOf(message: SupplierInboundEvent): SupplierAction {
  switch (message.type) {
    case 'itsm.supplier.trouble-ticket-acknowledged.v1':
      return { kind: 'acknowledge', externalIdentifier: message.data.externalIdentifier ?? null };
    case 'itsm.supplier.trouble-ticket-rejected.v1':
      return { kind: 'reject', reason: message.data.reason };
    case 'itsm.supplier.trouble-ticket-updated.v1': {
      const { externalIdentifier, expectedResolutionDate } = message.data;
      return {
        kind: 'update',
        ...(externalIdentifier === undefined ? {} : { externalIdentifier }),
        ...(expectedResolutionDate === undefined ? {} : { expectedResolutionDate }),
      };
    }
    case 'itsm.supplier.trouble-ticket-note-added.v1':
      return { kind: 'add-note', noteId: message.data.noteId, text: message.data.text, author: message.data.author };
    case 'itsm.supplier.trouble-ticket-resolved.v1':
      return { kind: 'resolve', resolution: message.data.resolution };
    case 'itsm.supplier.trouble-ticket-information-required.v1':
      return { kind: 'request-information', question: message.data.question };
  }
}

/** The record after the supplier's own facts in an action (its ticket id, its expected resolution date). */
function withSupplierFacts(record: CorrelationRecord, action: SupplierAction): CorrelationRecord {
  if (action.kind === 'acknowledge') return action.externalIdentifier === null ? record : recordSupplierFacts(record, { supplierTicketId: action.externalIdentifier });
  if (action.kind !== 'update') return record;
  const { externalIdentifier, expectedResolutionDate } = action;
  return recordSupplierFacts(record, {
    ...(externalIdentifier === undefined ? {} : { supplierTicketId: externalIdentifier }),
    ...(expectedResolutionDate === undefined ? {} : { expectedResolutionDate }),
  });
}

function refuse(reason: InboundRefusal, message: string): InboundDecision {
  return { kind: 'refuse', reason, message };
}

/**
 * What a supplier's verified message does: the update for the incident context to apply as the
 * supplier's agent (with the transition the supplier's mapping gives its action on the ticket's current
 * state) and the correlation record after it, or why it is refused.
 */
export function decideInbound(input: InboundInput): InboundDecision {
  const { message, connection, supplierId } = input;
  const ticketId = message.data.ticketId;
  if (connection.supplierId !== supplierId || input.records.some((r) => r.ticketId !== ticketId)) {
    throw supplierExchangeError(SupplierExchangeErrorCode.Mismatch, `a message of ${supplierId} about ${ticketId} decided with another connection or ticket`, { supplierId, ticketId });
  }
  const id = checkText(message.id, 'id');
  if ('problem' in id || id.value !== message.id || message.id.length === 0) return refuse('malformed_message', 'the message id must be 1-128 characters of plain text');
  if (input.records.length === 0) return refuse('unknown_ticket', `no ticket ${ticketId} was sent to you`);
  const record = input.records.find((r) => r.supplierId === supplierId);
  if (record === undefined) return refuse('another_suppliers_ticket', `ticket ${ticketId} is not assigned to you`);
  if (record.ended) return refuse('engagement_ended', `ticket ${ticketId} is no longer assigned to you`);
  const action = actionOf(message);
  const allowed = inboundTransition(connection.stateMapping, action.kind, record.incidentState);
  if (allowed === 'illegal') return refuse('illegal_transition', `${action.kind} is not possible on ticket ${ticketId} in its current state`);

  // The next of the record's gapless stream: the record and its event are written by one update (applyInbound).
  const after: CorrelationRecord = { ...withSupplierFacts(record, action), inboundSequence: record.inboundSequence + 1 };
  const update = createEnvelope<SupplierUpdateEnvelope['type'], SupplierUpdateReceived>({
    id: supplierUpdateEventId(supplierId, message.id),
    // One stream per (supplier, ticket): the source names the supplier, the subject (and Kafka key) the ticket.
    source: `${SUPPLIER_EXCHANGE_SOURCE}/${supplierId}`,
    type: 'itsm.supplier-exchange.update-received.v1',
    subject: ticketId,
    time: input.receivedAt,
    data: {
      ticketType: 'incident',
      ticketId,
      supplierId,
      agentId: connection.agentId,
      inboundMessageId: message.id,
      expectedState: record.incidentState,
      action,
      transition: allowed.transition,
      at: input.receivedAt.toISOString(),
    },
    sequence: after.inboundSequence,
    correlationid: message.correlationid,
    causationid: message.id,
    tenant: supplierId,
  });
  return { kind: 'apply', update, record: after };
}
