import type { CorrelationRecord, OutboundChannel, SupplierConnection, SupplierOutboundEvent, SupplierUpdateEnvelope, TicketView } from '../../domain';

/** A saved connection and its optimistic version (1 after the first save). */
export interface StoredSupplierConnection {
  readonly connection: SupplierConnection;
  readonly version: number;
}

/** The supplier connections admins save (`supplier_connections`). */
export abstract class SupplierConnectionStore {
  /** Validates `input` with `parseSupplierConnection`; `expectedVersion` null creates (refused when it exists), else must match. */
  abstract save(input: unknown, expectedVersion: number | null): Promise<StoredSupplierConnection>;
  abstract get(supplierId: string): Promise<StoredSupplierConnection | null>;
  /** Every connection, by supplier id (admin data: a handful of suppliers). */
  abstract list(): Promise<readonly StoredSupplierConnection[]>;
  abstract byOrganisation(organisationId: string): Promise<StoredSupplierConnection | null>;
}

/** The exchange's view of each incident (`supplier_ticket_views`), folded once per incident sequence. */
export abstract class TicketViewStore {
  abstract get(ticketId: string): Promise<TicketView | null>;
  /** Stores the view unless a view at or above its sequence is stored: `stale` then. */
  abstract save(view: TicketView): Promise<'saved' | 'stale'>;
}

/** A supplier message applied to a correlation record: its id and when it was received. */
export interface InboundReceipt {
  readonly messageId: string;
  readonly receivedAt: Date;
}

/** A correlation record as stored, with its optimistic version. */
export interface StoredCorrelation {
  readonly record: CorrelationRecord;
  readonly version: number;
  /** The supplier's messages applied to the record within the replay window, oldest first (a replay is refused by these). */
  readonly receipts: readonly InboundReceipt[];
}

/** The correlation records (`supplier_correlations`), each with its own outbox to its supplier's topic. */
export abstract class CorrelationStore {
  abstract forTicket(ticketId: string): Promise<readonly StoredCorrelation[]>;
  /**
   * Writes the record and the events to send its supplier in one document update (null `stored`:
   * a new record): on the `kafka` channel into the outbox the relay sends to the supplier's topic,
   * on `webhook` into the record's webhook queue the deliverer drains. A record changed since it
   * was read is refused (a retryable conflict).
   */
  abstract save(stored: StoredCorrelation | null, record: CorrelationRecord, events: readonly SupplierOutboundEvent[], channel: OutboundChannel['channel']): Promise<void>;
  /**
   * Applies a supplier's message to its record in ONE update of the record's document, if it is still
   * at the version read: the record after the message, the message's receipt (appended to the receipts
   * received since `keepSince`; older ones dropped), and the update-received event in the document's
   * update outbox, which the relay sends to `itsm.supplier-exchange.v1` in sequence order. `conflict`
   * (nothing written) when the record changed since it was read.
   */
  abstract applyInbound(stored: StoredCorrelation, record: CorrelationRecord, update: SupplierUpdateEnvelope, receipt: InboundReceipt, keepSince: Date): Promise<'applied' | 'conflict'>;
}

/** The head of one record's webhook queue, claimed for one attempt (no other replica sends that record's events meanwhile). */
export interface ClaimedWebhookEvent {
  readonly ticketId: string;
  readonly supplierId: string;
  readonly event: SupplierOutboundEvent;
  /** Attempts already made at this event (0: the first). */
  readonly attempts: number;
}

/** Why a record's webhook queue stopped: the event given up and the supplier's answer. */
export interface WebhookDeadLetter {
  readonly eventId: string;
  readonly sequence: number;
  /** The HTTP status answered, null when none (a private target, attempts exhausted without an answer). */
  readonly status: number | null;
  readonly reason: string;
  readonly at: Date;
}

/** A record's webhook delivery as an admin sees it. */
export interface WebhookDeliveryState {
  readonly ticketId: string;
  readonly supplierId: string;
  /** Events written and not yet accepted (held behind a dead letter, or waiting their turn). */
  readonly queued: number;
  /** The sequence of the last event the supplier accepted (0: none yet). */
  readonly delivered: number;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When the head is tried next (or the claim ends); null when nothing is queued. */
  readonly nextAttemptAt: Date | null;
  readonly deadLetter: WebhookDeadLetter | null;
}

/**
 * The webhook queues on the correlation records: each record's events go out one at a time, the next
 * only after the previous was accepted; the head is claimed for one attempt by a lease in MongoDB, so a
 * restart or a second replica picks up where the first stopped.
 */
export abstract class WebhookQueueStore {
  /** The due head of some record's queue, leased until `leaseUntil`; null when none is due. */
  abstract claim(now: Date, leaseUntil: Date): Promise<ClaimedWebhookEvent | null>;
  /** The head was accepted: it leaves the queue, the next is due at `now`. */
  abstract delivered(claim: ClaimedWebhookEvent, now: Date): Promise<void>;
  /** The head is tried again at `at`. */
  abstract retry(claim: ClaimedWebhookEvent, at: Date, reason: string): Promise<void>;
  /** The head was given up: the queue is held (this and later events of the ticket stay, unsent) with the reason. */
  abstract deadLetter(claim: ClaimedWebhookEvent, letter: WebhookDeadLetter): Promise<void>;
  /** A queue held behind a dead letter due again at `now`, its attempts and dead letter cleared; `not-held` (nothing changed) otherwise. */
  abstract release(ticketId: string, supplierId: string, now: Date): Promise<'released' | 'not-held'>;
  /** The webhook deliveries of one ticket's records. */
  abstract forTicket(ticketId: string): Promise<readonly WebhookDeliveryState[]>;
}
