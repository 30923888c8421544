import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a change use case can fail, as a code that crosses process boundaries. */
export enum ChangeErrorCode {
  InvalidInput = 'CHANGE.INVALID_INPUT',
  NotFound = 'CHANGE.NOT_FOUND',
  TemplateNotFound = 'CHANGE.TEMPLATE_NOT_FOUND',
  /** A CI or service the change names is not in the change context's CMDB projection (or retired). */
  UnknownConfigurationItem = 'CHANGE.UNKNOWN_CONFIGURATION_ITEM',
  /** A person or group the change names is unknown or inactive in the directory projection. */
  UnknownPerson = 'CHANGE.UNKNOWN_PERSON',
  UnknownGroup = 'CHANGE.UNKNOWN_GROUP',
  /** The move is not allowed from the change's state or for its model. */
  IllegalTransition = 'CHANGE.ILLEGAL_TRANSITION',
  /** Scheduled into a blackout without an emergency override. */
  Blackout = 'CHANGE.BLACKOUT',
  /** An approval by someone the pending level does not name (nor a delegate of someone it names). */
  NotEntitled = 'CHANGE.NOT_ENTITLED',
  /** The approver (or the person a delegate stands in for) already decided on the pending level. */
  AlreadyDecided = 'CHANGE.ALREADY_DECIDED',
  /** A mandatory level of the applying approval policy resolved to nobody: it could never be approved. */
  NoApprovers = 'CHANGE.NO_APPROVERS',
  DelegationNotFound = 'CHANGE.DELEGATION_NOT_FOUND',
  /** A CAB decision on a change not on that meeting's agenda. */
  NotOnAgenda = 'CHANGE.NOT_ON_AGENDA',
  MeetingNotFound = 'CHANGE.MEETING_NOT_FOUND',
  PolicyNotFound = 'CHANGE.POLICY_NOT_FOUND',
  WindowNotFound = 'CHANGE.WINDOW_NOT_FOUND',
  RiskRuleNotFound = 'CHANGE.RISK_RULE_NOT_FOUND',
  /** Someone else changed the record first (optimistic version). */
  Conflict = 'CHANGE.CONFLICT',
  Forbidden = 'CHANGE.FORBIDDEN',
  /** No, an unknown or a revoked pipeline token. */
  Unauthenticated = 'CHANGE.UNAUTHENTICATED',
  TooMany = 'CHANGE.TOO_MANY',
  /** An RRULE that RFC 5545 forbids or this platform does not expand (calendar lane). */
  InvalidRecurrence = 'CHANGE.INVALID_RECURRENCE',
  /** A time-zone name that is not an IANA zone (calendar lane). */
  UnknownTimeZone = 'CHANGE.UNKNOWN_TIME_ZONE',
  /** A consumed event (CMDB, directory, incident) keyed by another record than the one it describes. */
  InvalidProjectionEvent = 'CHANGE.INVALID_PROJECTION_EVENT',
  /** The change service cannot answer now (an edge answering in its place); retry later. */
  Unavailable = 'CHANGE.UNAVAILABLE',
}

export class ChangeError extends CodedError<ChangeErrorCode> {
  override readonly name = 'ChangeError';
}

/** What each code means to a caller (GraphQL filter, gate status, dead-letter decisions); exhaustive by type. */
export const CHANGE_ERROR_KINDS: ErrorKinds<ChangeErrorCode> = {
  [ChangeErrorCode.InvalidInput]: 'invalid_input',
  [ChangeErrorCode.NotFound]: 'not_found',
  [ChangeErrorCode.TemplateNotFound]: 'not_found',
  [ChangeErrorCode.UnknownConfigurationItem]: 'invalid_input',
  [ChangeErrorCode.UnknownPerson]: 'invalid_input',
  [ChangeErrorCode.UnknownGroup]: 'invalid_input',
  [ChangeErrorCode.IllegalTransition]: 'illegal_state',
  [ChangeErrorCode.Blackout]: 'illegal_state',
  [ChangeErrorCode.NotEntitled]: 'forbidden',
  [ChangeErrorCode.AlreadyDecided]: 'illegal_state',
  [ChangeErrorCode.NoApprovers]: 'illegal_state',
  [ChangeErrorCode.DelegationNotFound]: 'not_found',
  [ChangeErrorCode.NotOnAgenda]: 'illegal_state',
  [ChangeErrorCode.MeetingNotFound]: 'not_found',
  [ChangeErrorCode.PolicyNotFound]: 'not_found',
  [ChangeErrorCode.WindowNotFound]: 'not_found',
  [ChangeErrorCode.RiskRuleNotFound]: 'not_found',
  [ChangeErrorCode.Conflict]: 'conflict',
  [ChangeErrorCode.Forbidden]: 'forbidden',
  [ChangeErrorCode.Unauthenticated]: 'forbidden',
  [ChangeErrorCode.TooMany]: 'invalid_input',
  [ChangeErrorCode.InvalidRecurrence]: 'invalid_input',
  [ChangeErrorCode.UnknownTimeZone]: 'invalid_input',
  [ChangeErrorCode.InvalidProjectionEvent]: 'invalid_input',
  [ChangeErrorCode.Unavailable]: 'unavailable',
};
