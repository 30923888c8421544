import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a supplier-exchange use case can fail, as a code that crosses process boundaries. */
export enum SupplierExchangeErrorCode {
  /** A state mapping that leaves a state unmapped, maps a terminal state to a live status, or gives an action a transition it may not cause; `details.field`. */
  InvalidMapping = 'SUPPLIER_EXCHANGE.INVALID_MAPPING',
  /** A supplier connection with a malformed field (id, flags, ticket kinds); `details.field`. */
  InvalidConnection = 'SUPPLIER_EXCHANGE.INVALID_CONNECTION',
  /** An incident event about a ticket the exchange has not seen opened; `details.ticketId`. */
  UnknownTicket = 'SUPPLIER_EXCHANGE.UNKNOWN_TICKET',
  /** A record or message handed to the wrong supplier's or ticket's decision (a wiring fault, not a supplier's). */
  Mismatch = 'SUPPLIER_EXCHANGE.MISMATCH',
  /** A connection saved over another admin's edit (`details.expectedVersion`), or for an organisation another supplier has. */
  Conflict = 'SUPPLIER_EXCHANGE.CONFLICT',
  /** A verified inbound message not applied: a replay (on Kafka; REST answers a replay as the first time) or an InboundRefusal; the dead letter's reason starts with it. */
  InboundRefused = 'SUPPLIER_EXCHANGE.INBOUND_REFUSED',
  /** An inbound message for a supplier without a connection (the topic's or the REST path's supplier). */
  UnknownSupplier = 'SUPPLIER_EXCHANGE.UNKNOWN_SUPPLIER',
  /** An inbound message not signed by a key of its supplier's connection within the timestamp window; the reason is the webhook verification's. */
  Unauthenticated = 'SUPPLIER_EXCHANGE.UNAUTHENTICATED',
  /** An inbound REST message that is not a CloudEvent of the supplier family's schemas, too large, or whose webhook-id is not its id; `details` lists the faults. */
  InvalidMessage = 'SUPPLIER_EXCHANGE.INVALID_MESSAGE',
  /** A webhook queue released that is not held behind a dead letter; `details.ticketId`, `details.supplierId`. */
  NotHeld = 'SUPPLIER_EXCHANGE.NOT_HELD',
  /** The exchange cannot take a message now (its database); the supplier retries later. */
  Unavailable = 'SUPPLIER_EXCHANGE.UNAVAILABLE',
}

export class SupplierExchangeError extends CodedError<SupplierExchangeErrorCode> {
  override readonly name = 'SupplierExchangeError';
}

export function supplierExchangeError(code: SupplierExchangeErrorCode, message: string, details: SupplierExchangeError['details'] = {}): SupplierExchangeError {
  return new SupplierExchangeError(code, message, details);
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const SUPPLIER_EXCHANGE_ERROR_KINDS: ErrorKinds<SupplierExchangeErrorCode> = {
  [SupplierExchangeErrorCode.InvalidMapping]: 'invalid_input',
  [SupplierExchangeErrorCode.InvalidConnection]: 'invalid_input',
  [SupplierExchangeErrorCode.UnknownTicket]: 'not_found',
  [SupplierExchangeErrorCode.Mismatch]: 'invalid_input',
  [SupplierExchangeErrorCode.Conflict]: 'conflict',
  [SupplierExchangeErrorCode.InboundRefused]: 'invalid_input',
  [SupplierExchangeErrorCode.UnknownSupplier]: 'not_found',
  [SupplierExchangeErrorCode.Unauthenticated]: 'forbidden',
  [SupplierExchangeErrorCode.InvalidMessage]: 'invalid_input',
  [SupplierExchangeErrorCode.NotHeld]: 'conflict',
  [SupplierExchangeErrorCode.Unavailable]: 'unavailable',
};
