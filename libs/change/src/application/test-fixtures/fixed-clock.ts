import { Clock } from '@itsm/platform/config';

/** A clock the test sets (never today's date). */
export class FixedClock extends Clock {
  constructor(public current: Date) {
    super();
  }

  now(): Date {
    return this.current;
  }
}
