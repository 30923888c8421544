/**
 * What a failure means to a caller, whatever its context: the GraphQL edge reports it next to the
 * code, and a consumer decides from it whether retrying an event can help (dead-letter reasons).
 */
export const ERROR_KINDS = [
  /** The request itself is wrong (a value, a shape, a reference to nothing it may name). */
  'invalid_input',
  'not_found',
  'forbidden',
  /** The record's state does not allow it (an illegal transition, already linked, in use). */
  'illegal_state',
  /** Another writer changed the record meanwhile: the same request may succeed on a fresh read. */
  'conflict',
  /** A dependency is down or overloaded: the same request may succeed later. */
  'unavailable',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A context's exhaustive map: adding a code without its kind does not compile. */
export type ErrorKinds<C extends string> = Readonly<Record<C, ErrorKind>>;

/** Kinds a retry may cure (a lost concurrency race, an outage); every other kind fails the same way again. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'conflict' || kind === 'unavailable';
}

/** Field-level facts of a coded error, as `extensions.details` and log fields. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The base of every context's `XxxError`: a code that crosses process boundaries
 * (`INCIDENT.NOT_FOUND`), a message for people and the fields that explain it.
 */
export abstract class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}
