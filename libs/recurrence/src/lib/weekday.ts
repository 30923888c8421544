/** ISO order: Monday first. The index of a weekday here is its `weekdayIndex`. */
export const WEEKDAYS = Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const);
export type Weekday = (typeof WEEKDAYS)[number];

export function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

/** 0 = Monday ... 6 = Sunday for a day number (days since 1970-01-01, a Thursday). */
export function weekdayIndexOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function weekdayOfDay(dayNumber: number): Weekday {
  return WEEKDAYS[weekdayIndexOfDay(dayNumber)] ?? 'mon';
}
