export type { DateValue } from './lib/date-value';
export { parseDateValue } from './lib/date-value';
export type { Frequency, RecurrenceRule } from './lib/recurrence-rule';
export { parseRecurrenceRule } from './lib/recurrence-rule';
export type { ExpansionWindow, RecurrenceSet, ToUtcMs } from './lib/expand-recurrence';
export { expandRecurrence } from './lib/expand-recurrence';
export { RECURRENCE_ERROR_KINDS, RecurrenceError, RecurrenceErrorCode } from './lib/recurrence.errors';
