import type { BusinessCalendarSpec } from '../../../domain';

/** Creates (expectedVersion 0) or changes a business calendar. */
export interface SaveSlaCalendarCommand {
  /** The admin's user id. */
  readonly by: string;
  readonly calendar: BusinessCalendarSpec;
  /** The version the admin read (0 = new). */
  readonly expectedVersion: number;
}
