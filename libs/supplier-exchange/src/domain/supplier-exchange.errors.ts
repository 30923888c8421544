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
  /** A supplier's inbound message not applied: unknown supplier, bad signature, replay or an InboundRefusal; the dead letter's reason starts with the refusal. */
  InboundRefused = 'SUPPLIER_EXCHANGE.INBOUND_REFUSED',
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
};
