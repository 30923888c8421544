import type { CorrelationRecord, SupplierConnection, SupplierOutboundEvent, SupplierUpdateEnvelope, TicketView } from '../../domain';

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

/** A correlation record as stored, with its optimistic version. */
export interface StoredCorrelation {
  readonly record: CorrelationRecord;
  readonly version: number;
}

/** The correlation records (`supplier_correlations`), each with its own outbox to its supplier's topic. */
export abstract class CorrelationStore {
  abstract forTicket(ticketId: string): Promise<readonly StoredCorrelation[]>;
  /**
   * Writes the record and the events to send its supplier in one document update (null `stored`:
   * a new record). A record changed since it was read is refused (a retryable conflict).
   */
  abstract save(stored: StoredCorrelation | null, record: CorrelationRecord, events: readonly SupplierOutboundEvent[]): Promise<void>;
  /**
   * The next sequence of the supplier's update stream for the ticket: a counter on the record's
   * document raised in one update (not the record's version), so concurrent messages never share one.
   */
  abstract allocateInboundSequence(ticketId: string, supplierId: string): Promise<number>;
}

/** A supplier's inbound message taken: (supplier, message id) and when it was received. */
export interface SupplierMessageReceipt {
  readonly supplierId: string;
  readonly messageId: string;
  readonly receivedAt: Date;
}

/**
 * The receipts of the suppliers' inbound messages (`supplier_inbound_receipts`), kept at least the
 * signature's timestamp window and a margin: past it a replay fails the timestamp check anyway.
 */
export abstract class SupplierMessageReceiptStore {
  abstract seen(supplierId: string, messageId: string): Promise<boolean>;
  /**
   * The receipt and the update-received event in its own outbox, in ONE document insert, so the
   * dedupe and the effect are atomic: `duplicate` (nothing written) when the message was taken before.
   */
  abstract take(receipt: SupplierMessageReceipt, update: SupplierUpdateEnvelope): Promise<'taken' | 'duplicate'>;
}
