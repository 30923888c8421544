import type { TimeZoneSubject } from '../../../persistence';

/** Sets a caller's or CI location's IANA time zone (definitions whose TimeZoneSource follows it). */
export interface SetSlaTimeZoneCommand {
  readonly subject: TimeZoneSubject;
  readonly subjectId: string;
  readonly timeZone: string;
}
