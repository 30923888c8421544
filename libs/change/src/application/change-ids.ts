import { randomBytes } from 'node:crypto';

/** A new change or template id: 24 lower-case hex digits. */
export function newChangeId(): string {
  return randomBytes(12).toString('hex');
}

/** The numeric part of a change number (CHG0001234 -> 1234): the list's sort key. */
export function sequenceOfNumber(number: string): number {
  return Number.parseInt(number.slice(3), 10);
}
