import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a catalogue use case can fail, as a code that crosses process boundaries. */
export enum CatalogueErrorCode {
  InvalidInput = 'CATALOGUE.INVALID_INPUT',
  /** An item form that cannot be filled (duplicate or unknown variable names, a condition on itself, conflicting bounds). */
  InvalidForm = 'CATALOGUE.INVALID_FORM',
  /** A submitted value the item's form refuses; `details.variable` names the variable. */
  InvalidVariable = 'CATALOGUE.INVALID_VARIABLE',
  /** A required (or conditionally required) variable without a value. */
  MissingVariable = 'CATALOGUE.MISSING_VARIABLE',
  /** A value for a variable the form does not show under the other values (or does not have). */
  HiddenVariable = 'CATALOGUE.HIDDEN_VARIABLE',
  /** A reference variable naming a person, group, CI or service the catalogue does not know. */
  UnknownReference = 'CATALOGUE.UNKNOWN_REFERENCE',
  /** A fulfilment plan whose tasks depend on each other in a circle; `details.cycle` lists them. */
  CyclicPlan = 'CATALOGUE.CYCLIC_PLAN',
  /** A fulfilment plan that is malformed (no tasks, duplicate keys, unknown predecessors or variables). */
  InvalidPlan = 'CATALOGUE.INVALID_PLAN',
  /** The requester may not order the item (entitlement by organisation, role or group). */
  NotEntitled = 'CATALOGUE.NOT_ENTITLED',
  /** The item (or its service) is retired or not published. */
  NotOrderable = 'CATALOGUE.NOT_ORDERABLE',
  NotFound = 'CATALOGUE.NOT_FOUND',
  IllegalTransition = 'CATALOGUE.ILLEGAL_TRANSITION',
  Conflict = 'CATALOGUE.CONFLICT',
  Forbidden = 'CATALOGUE.FORBIDDEN',
  /** A consumed event the catalogue's projections refuse (keyed by another record than it describes). */
  InvalidProjectionEvent = 'CATALOGUE.INVALID_PROJECTION_EVENT',
}

export class CatalogueError extends CodedError<CatalogueErrorCode> {
  override readonly name = 'CatalogueError';
}

export function catalogueError(code: CatalogueErrorCode, message: string, details: CatalogueError['details'] = {}): CatalogueError {
  return new CatalogueError(code, message, details);
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const CATALOGUE_ERROR_KINDS: ErrorKinds<CatalogueErrorCode> = {
  [CatalogueErrorCode.InvalidInput]: 'invalid_input',
  [CatalogueErrorCode.InvalidForm]: 'invalid_input',
  [CatalogueErrorCode.InvalidVariable]: 'invalid_input',
  [CatalogueErrorCode.MissingVariable]: 'invalid_input',
  [CatalogueErrorCode.HiddenVariable]: 'invalid_input',
  [CatalogueErrorCode.UnknownReference]: 'invalid_input',
  [CatalogueErrorCode.CyclicPlan]: 'invalid_input',
  [CatalogueErrorCode.InvalidPlan]: 'invalid_input',
  [CatalogueErrorCode.NotEntitled]: 'forbidden',
  [CatalogueErrorCode.NotOrderable]: 'illegal_state',
  [CatalogueErrorCode.NotFound]: 'not_found',
  [CatalogueErrorCode.IllegalTransition]: 'illegal_state',
  [CatalogueErrorCode.Conflict]: 'conflict',
  [CatalogueErrorCode.Forbidden]: 'forbidden',
  [CatalogueErrorCode.InvalidProjectionEvent]: 'invalid_input',
};
