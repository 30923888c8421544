import { Type } from '@sinclair/typebox';
import type { Static, TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic, defineTopicFamily, TOPIC_FAMILY_VALUE_PATTERN } from '../topic-registry';
import { At, HoldReasonSchema, Id, IncidentStateSchema } from './incident.topic';

/**
 * The supplier exchange (SIAM): a ticket assigned to a supplier organisation's group travels to that
 * supplier as a TMF621-shaped TroubleTicket on its own outbound topic, and the supplier's updates come
 * back on its own inbound topic (one pair per supplier, so a Kafka prefix ACL `itsm.supplier.<id>.`
 * grants a supplier its topics only). Event types follow the platform's naming; each payload keeps the
 * TMF621 event name in `eventType` so a TMF621 consumer recognises it.
 */

/** A supplier connection's id: also the middle part of its topic names (lower-case words and digits joined by dashes). */
export const SupplierIdSchema = Type.String({ minLength: 2, maxLength: 40, pattern: TOPIC_FAMILY_VALUE_PATTERN });

/** TMF621's TroubleTicket statuses. `closed` and `cancelled` are terminal (MEF 124). */
export const TROUBLE_TICKET_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'resolved', 'closed', 'cancelled'] as const;
export type TroubleTicketStatus = (typeof TROUBLE_TICKET_STATUSES)[number];
export const TroubleTicketStatusSchema = Type.Union(TROUBLE_TICKET_STATUSES.map((s) => Type.Literal(s)));

/** TMF621 severity from our impact (1 high .. 3 low). */
export const TroubleTicketSeveritySchema = Type.Union([Type.Literal('critical'), Type.Literal('major'), Type.Literal('minor')]);
export type TroubleTicketSeverity = Static<typeof TroubleTicketSeveritySchema>;

/** Where a note came from (MEF 124 keeps a note's source): the integrator's people, or the supplier it is sent to. */
export const NoteSourceSchema = Type.Union([Type.Literal('integrator'), Type.Literal('supplier')]);

const NullableAt = Type.Union([At, Type.Null()]);
const NullableText = (maxLength: number) => Type.Union([TextSchema({ minLength: 1, maxLength }), Type.Null()]);
/** An identifier another system gave (the supplier's own ticket id, an inbound message id). */
export const ExternalIdSchema = TextSchema({ minLength: 1, maxLength: 128 });

const strict = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

/** How a supplier may reach the caller; the value is masked (`j***@contoso.com`) unless the connection allows contact details. */
const ContactMedium = strict({
  mediumType: Type.Union([Type.Literal('email'), Type.Literal('phone')]),
  value: TextSchema({ minLength: 1, maxLength: 254 }),
  masked: Type.Boolean(),
});

/**
 * The ticket as one supplier may see it: TMF621 TroubleTicket fields (v4/v5 names). Never work notes,
 * never another supplier's data; the caller's contact only as the connection allows.
 */
export const TroubleTicketSchema = strict({
  /** Our incident id. */
  id: Id,
  /** Our ticket title. */
  name: TextSchema({ minLength: 1, maxLength: 200 }),
  description: TextSchema({ maxLength: 20_000 }),
  ticketType: Type.Literal('incident'),
  status: TroubleTicketStatusSchema,
  statusChangeReason: NullableText(2_000),
  statusChangeDate: At,
  severity: TroubleTicketSeveritySchema,
  /** Our priority 1 (critical) .. 5 (planning), as TMF621's string. */
  priority: Type.String({ pattern: '^[1-5]$' }),
  creationDate: At,
  lastUpdate: At,
  expectedResolutionDate: NullableAt,
  resolutionDate: NullableAt,
  /** Our ticket number (owner `integrator`) and, once it told us, the supplier's own ticket id (owner `supplier`). */
  externalIdentifier: Type.Array(
    strict({
      id: ExternalIdSchema,
      owner: Type.Union([Type.Literal('integrator'), Type.Literal('supplier')]),
      externalIdentifierType: Type.Union([Type.Literal('ticketNumber'), Type.Literal('supplierTicketId')]),
    }),
    { maxItems: 2 },
  ),
  relatedParty: Type.Array(
    strict({
      role: Type.Union([Type.Literal('caller'), Type.Literal('supplier')]),
      id: Id,
      name: NullableText(200),
      contactMedium: Type.Array(ContactMedium, { maxItems: 4 }),
    }),
    { maxItems: 2 },
  ),
  relatedEntity: Type.Array(
    strict({
      role: Type.Union([Type.Literal('affectedService'), Type.Literal('affectedConfigurationItem')]),
      id: Id,
      referredType: Type.Union([Type.Literal('Service'), Type.Literal('ConfigurationItem')]),
    }),
    { maxItems: 101 },
  ),
  /** Comments and supplier notes, oldest first: the last 200 on the create event, the last 20 on later ones (each note also comes in its own note-added event). */
  note: Type.Array(
    strict({
      id: Id,
      author: TextSchema({ minLength: 1, maxLength: 200 }),
      date: At,
      text: TextSchema({ minLength: 1, maxLength: 20_000 }),
      source: NoteSourceSchema,
    }),
    { maxItems: 200 },
  ),
  statusChangeHistory: Type.Array(strict({ status: TroubleTicketStatusSchema, statusChangeDate: At, statusChangeReason: NullableText(2_000) }), { maxItems: 200 }),
});
export type TroubleTicket = Static<typeof TroubleTicketSchema>;

/** What every outbound event carries: the TMF event name, the per-(ticket, supplier) position, and the whole projected ticket. */
function outboundEvent<const N extends string, P extends Record<string, TSchema>>(eventType: N, properties: P) {
  return strict({
    ...properties,
    eventType: Type.Literal(eventType),
    supplierId: SupplierIdSchema,
    /** 1-based position among the events this supplier received about this ticket; a gap means a lost event. */
    sequence: Type.Integer({ minimum: 1 }),
    event: strict({ troubleTicket: TroubleTicketSchema }),
  });
}

/** TroubleTicket fields an attribute-value-change event may name. */
export const TroubleTicketFieldSchema = Type.Union([
  Type.Literal('priority'),
  Type.Literal('severity'),
  Type.Literal('relatedEntity'),
  Type.Literal('note'),
  Type.Literal('externalIdentifier'),
  Type.Literal('expectedResolutionDate'),
]);
export type TroubleTicketField = Static<typeof TroubleTicketFieldSchema>;
const ChangedFields = Type.Array(TroubleTicketFieldSchema, { minItems: 1, maxItems: 6, uniqueItems: true });

/** Why a supplier's part in a ticket ended: the ticket went to another group, or it was closed/cancelled. */
export const EngagementEndReasonSchema = Type.Union([Type.Literal('reassigned'), Type.Literal('closed'), Type.Literal('cancelled')]);

const supplierOutboundEvents = {
  'itsm.supplier.trouble-ticket-created.v1': outboundEvent('TroubleTicketCreateEvent', {}),
  'itsm.supplier.trouble-ticket-status-changed.v1': outboundEvent('TroubleTicketStatusChangeEvent', {}),
  'itsm.supplier.trouble-ticket-attribute-changed.v1': outboundEvent('TroubleTicketAttributeValueChangeEvent', { changedFields: ChangedFields }),
  /** TMF621 has no note event: a note is an attribute-value change of `note`, naming the new note. */
  'itsm.supplier.trouble-ticket-note-added.v1': outboundEvent('TroubleTicketAttributeValueChangeEvent', { changedFields: Type.Tuple([Type.Literal('note')]), noteId: Id }),
  /** The last event a supplier gets about a ticket: its status is `cancelled` as far as this supplier is concerned. */
  'itsm.supplier.trouble-ticket-withdrawn.v1': outboundEvent('TroubleTicketStatusChangeEvent', { reason: EngagementEndReasonSchema }),
} as const;

export const supplierOutboundFamily = defineTopicFamily({
  template: 'itsm.supplier.{supplierId}.out.v1',
  parameter: { name: 'supplierId', description: 'a supplier connection id: 2-40 lower-case letters, digits and single dashes' },
  writer: 'platform',
  aggregate: 'trouble-ticket',
  partitions: 3,
  events: supplierOutboundEvents,
});

/** Every inbound message names our ticket (the id we sent as `troubleTicket.id`). */
function inboundEvent<P extends Record<string, TSchema>>(properties: P) {
  return strict({ ...properties, ticketId: Id });
}

/**
 * A supplier may set its own ticket id and its expected resolution date. It may not change severity or
 * priority: they come from our impact and urgency and drive the customer SLA; a supplier that disagrees
 * says so in a note, and the integrator decides.
 */
const supplierUpdateFields = {
  externalIdentifier: Type.Optional(ExternalIdSchema),
  expectedResolutionDate: Type.Optional(NullableAt),
};

export const supplierInboundEvents = {
  'itsm.supplier.trouble-ticket-acknowledged.v1': inboundEvent({ externalIdentifier: Type.Optional(ExternalIdSchema) }),
  'itsm.supplier.trouble-ticket-rejected.v1': inboundEvent({ reason: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
  'itsm.supplier.trouble-ticket-updated.v1': Type.Object({ ...supplierUpdateFields, ticketId: Id }, { additionalProperties: false, minProperties: 2 }),
  'itsm.supplier.trouble-ticket-note-added.v1': inboundEvent({
    /** The supplier's id of its note: a resent note with the same id is one note. */
    noteId: ExternalIdSchema,
    text: TextSchema({ minLength: 1, maxLength: 20_000 }),
    author: TextSchema({ minLength: 1, maxLength: 200 }),
  }),
  'itsm.supplier.trouble-ticket-resolved.v1': inboundEvent({ resolution: TextSchema({ minLength: 1, maxLength: 20_000 }) }),
  'itsm.supplier.trouble-ticket-information-required.v1': inboundEvent({ question: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
} as const;

export const supplierInboundFamily = defineTopicFamily({
  template: 'itsm.supplier.{supplierId}.in.v1',
  parameter: { name: 'supplierId', description: 'a supplier connection id: 2-40 lower-case letters, digits and single dashes' },
  writer: 'party',
  aggregate: 'trouble-ticket',
  partitions: 3,
  events: supplierInboundEvents,
});
export type SupplierInboundEventType = keyof typeof supplierInboundEvents;
export type SupplierInboundPayload<T extends SupplierInboundEventType> = Static<(typeof supplierInboundEvents)[T]>;

/** An incident transition a supplier's action may cause (the incident context's own commands). */
export const SupplierTransitionSchema = Type.Union([
  Type.Null(),
  Type.Literal('start-work'),
  strict({ kind: Type.Literal('put-on-hold'), reason: HoldReasonSchema }),
  Type.Literal('resolve'),
]);
export type SupplierTransition = Static<typeof SupplierTransitionSchema>;

/** What a supplier asked for, with the fields its action carries and the transition the connection's mapping gives it. */
export const SupplierActionSchema = Type.Union([
  strict({ kind: Type.Literal('acknowledge'), externalIdentifier: Type.Union([ExternalIdSchema, Type.Null()]) }),
  strict({ kind: Type.Literal('reject'), reason: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
  strict({ kind: Type.Literal('update'), externalIdentifier: Type.Optional(ExternalIdSchema), expectedResolutionDate: Type.Optional(NullableAt) }),
  strict({ kind: Type.Literal('add-note'), noteId: ExternalIdSchema, text: TextSchema({ minLength: 1, maxLength: 20_000 }), author: TextSchema({ minLength: 1, maxLength: 200 }) }),
  strict({ kind: Type.Literal('resolve'), resolution: TextSchema({ minLength: 1, maxLength: 20_000 }) }),
  strict({ kind: Type.Literal('request-information'), question: TextSchema({ minLength: 1, maxLength: 2_000 }) }),
]);
export type SupplierAction = Static<typeof SupplierActionSchema>;

/**
 * Verified supplier updates for the owning context to apply as the supplier's agent
 * (`itsm.supplier-exchange.v1`, keyed by ticket id). The event's id is
 * `supplierUpdateEventId(supplierId, inboundMessageId)`: stable per inbound message (a resent message
 * is one update), and, carried as `causationid` on the events its application causes, it tells the
 * exchange which supplier caused them (echo suppression).
 */
export const supplierExchangeTopic = defineTopic({
  name: 'itsm.supplier-exchange.v1',
  aggregate: 'supplier-update',
  partitions: 12,
  events: {
    'itsm.supplier-exchange.update-received.v1': strict({
      ticketType: Type.Literal('incident'),
      ticketId: Id,
      supplierId: SupplierIdSchema,
      /** The directory person the supplier acts as (its connection's agent). */
      agentId: Id,
      /** The CloudEvents id of the supplier's message on its inbound topic. */
      inboundMessageId: ExternalIdSchema,
      /** Our state when the exchange checked the action (the owning context re-checks on apply). */
      expectedState: IncidentStateSchema,
      action: SupplierActionSchema,
      transition: SupplierTransitionSchema,
      at: At,
    }),
  },
});
export type SupplierUpdateReceived = Static<(typeof supplierExchangeTopic.events)['itsm.supplier-exchange.update-received.v1']>;

const UPDATE_ID_PREFIX = 'supplier-update:';

/** The id of the update-received event for one inbound message of one supplier. */
export function supplierUpdateEventId(supplierId: string, inboundMessageId: string): string {
  return `${UPDATE_ID_PREFIX}${supplierId}:${inboundMessageId}`;
}

/** The supplier whose inbound message caused an event (its `causationid`), or null when no supplier did. */
export function supplierOfCausation(causationId: string | undefined): string | null {
  if (causationId === undefined || !causationId.startsWith(UPDATE_ID_PREFIX)) return null;
  const rest = causationId.slice(UPDATE_ID_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 2 || colon === rest.length - 1) return null;
  const supplierId = rest.slice(0, colon);
  return new RegExp(TOPIC_FAMILY_VALUE_PATTERN).test(supplierId) && supplierId.length <= 40 ? supplierId : null;
}
