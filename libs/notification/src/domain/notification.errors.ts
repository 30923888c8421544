import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way a notification use case can fail, as a code that crosses process boundaries. */
export enum NotificationErrorCode {
  InvalidInput = 'NOTIFICATION.INVALID_INPUT',
  /** A rule whose trigger names an event type no platform topic has; `details.eventType`. */
  UnknownEventType = 'NOTIFICATION.UNKNOWN_EVENT_TYPE',
  /** A condition on a field the event type does not carry, or an operator its type does not allow. */
  InvalidCondition = 'NOTIFICATION.INVALID_CONDITION',
  /** A template that does not parse (syntax, unknown filter); `details.locale`, `details.part`. */
  InvalidTemplate = 'NOTIFICATION.INVALID_TEMPLATE',
  /** A template naming a variable the event type (or the fixed context) does not have; `details.variable`. */
  UnknownTemplateVariable = 'NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE',
  /** A recipient naming a person, group, endpoint or schedule the context does not know. */
  UnknownRecipient = 'NOTIFICATION.UNKNOWN_RECIPIENT',
  /** A webhook or chat target that is not an allowed URL (scheme, private network, credentials in it). */
  InvalidEndpoint = 'NOTIFICATION.INVALID_ENDPOINT',
  /** An on-call schedule or escalation policy that cannot run (no members, overlapping overrides, no levels). */
  InvalidSchedule = 'NOTIFICATION.INVALID_SCHEDULE',
  /** Preferences that cannot apply (unknown category or channel, a quiet window of zero length, a bad time zone). */
  InvalidPreference = 'NOTIFICATION.INVALID_PREFERENCE',
  /** A signed reply address or acknowledgement link that does not verify (tampered, expired, another person). */
  InvalidSignature = 'NOTIFICATION.INVALID_SIGNATURE',
  /** A consumed event the context refuses (keyed by another record than it describes, malformed facts). */
  InvalidProjectionEvent = 'NOTIFICATION.INVALID_PROJECTION_EVENT',
  NotFound = 'NOTIFICATION.NOT_FOUND',
  IllegalTransition = 'NOTIFICATION.ILLEGAL_TRANSITION',
  Conflict = 'NOTIFICATION.CONFLICT',
  Forbidden = 'NOTIFICATION.FORBIDDEN',
}

export class NotificationError extends CodedError<NotificationErrorCode> {
  override readonly name = 'NotificationError';
}

export function notificationError(code: NotificationErrorCode, message: string, details: NotificationError['details'] = {}): NotificationError {
  return new NotificationError(code, message, details);
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const NOTIFICATION_ERROR_KINDS: ErrorKinds<NotificationErrorCode> = {
  [NotificationErrorCode.InvalidInput]: 'invalid_input',
  [NotificationErrorCode.UnknownEventType]: 'invalid_input',
  [NotificationErrorCode.InvalidCondition]: 'invalid_input',
  [NotificationErrorCode.InvalidTemplate]: 'invalid_input',
  [NotificationErrorCode.UnknownTemplateVariable]: 'invalid_input',
  [NotificationErrorCode.UnknownRecipient]: 'invalid_input',
  [NotificationErrorCode.InvalidEndpoint]: 'invalid_input',
  [NotificationErrorCode.InvalidSchedule]: 'invalid_input',
  [NotificationErrorCode.InvalidPreference]: 'invalid_input',
  [NotificationErrorCode.InvalidSignature]: 'forbidden',
  [NotificationErrorCode.InvalidProjectionEvent]: 'invalid_input',
  [NotificationErrorCode.NotFound]: 'not_found',
  [NotificationErrorCode.IllegalTransition]: 'illegal_state',
  [NotificationErrorCode.Conflict]: 'conflict',
  [NotificationErrorCode.Forbidden]: 'forbidden',
};
