import { directorySubject } from '@itsm/contracts';
import type { directoryTopic, EventOf } from '@itsm/contracts';
import { isValidTimeZone } from '../calendar/zoned-time';
import { SlaError, SlaErrorCode } from '../sla.errors';
import type { TimeZoneSubject } from './sla-definition';

/** A person event of the people directory (`itsm.directory.v1`), its payload checked by the bus. */
export type DirectoryPersonEvent = Extract<
  EventOf<typeof directoryTopic>,
  { type: 'itsm.directory.person-created.v1' | 'itsm.directory.person-updated.v1' | 'itsm.directory.person-deactivated.v1' | 'itsm.directory.person-reactivated.v1' | 'itsm.directory.person-deleted.v1' }
>;

/**
 * How the time-zone store keys its subjects: a caller by the incident's `callerId` (a token
 * subject, which names a person by user name, case-insensitively: kept lower-cased), a CI location by id.
 */
export function timeZoneKey(subject: TimeZoneSubject, id: string): string {
  return subject === 'user' ? id.toLowerCase() : id;
}

/** A caller's time zone as the directory states it after one person event. */
export interface CallerTimeZone {
  readonly personId: string;
  /** The caller key (`timeZoneKey('user', userName)`). */
  readonly userName: string;
  /** Null: cleared (no zone in the directory, an unknown zone, or the person deleted). */
  readonly timeZone: string | null;
  /** A zone the directory sent that this engine's zone data does not know (then `timeZone` is null). */
  readonly unknownZone: string | null;
}

/**
 * Reads a person event: every event but `person-deleted` carries the person's whole state (its
 * time zone, or null); a deleted person's zone is cleared. Refuses (SLA.INVALID_INPUT) an event
 * whose subject is not the person it describes.
 */
export function callerTimeZoneOf(event: DirectoryPersonEvent): CallerTimeZone {
  if (event.subject !== directorySubject('person', event.data.personId)) {
    throw new SlaError(SlaErrorCode.InvalidInput, `${event.type} ${event.id} is keyed by ${event.subject} but is about ${event.data.personId}`, { eventId: event.id });
  }
  const userName = timeZoneKey('user', event.data.userName);
  if (event.type === 'itsm.directory.person-deleted.v1') return { personId: event.data.personId, userName, timeZone: null, unknownZone: null };
  const zone = event.data.timeZone;
  if (zone !== null && !isValidTimeZone(zone)) return { personId: event.data.personId, userName, timeZone: null, unknownZone: zone };
  return { personId: event.data.personId, userName, timeZone: zone, unknownZone: null };
}
