import ICAL from 'ical.js';
import type { DateValue } from './date-value';
import { parseDateValue } from './date-value';
import { RecurrenceErrorCode, recurrenceError } from './recurrence.errors';

/** FREQ values of RFC 5545 3.3.10. */
export type Frequency = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** A checked RRULE: the bounds (COUNT, UNTIL) apart, the pattern as an ical.js `Recur` to iterate. */
export interface RecurrenceRule {
  readonly freq: Frequency;
  readonly count: number | null;
  readonly until: DateValue | null;
  /** The BYxxx parts present, upper-cased names to their values as written (e.g. BYMONTH -> '11'). */
  readonly parts: ReadonlyMap<string, string>;
  /** The pattern without COUNT and UNTIL: the expansion applies those itself (see expandRecurrence). */
  readonly pattern: ICAL.Recur;
}

const RULE_PARTS = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST']);
const FREQUENCIES: readonly string[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const POSITIVE_INTEGER = /^\d+$/;

const invalid = (value: string, problem: string): Error => recurrenceError(RecurrenceErrorCode.InvalidRule, value, problem);

function isFrequency(value: string): value is Frequency {
  return FREQUENCIES.includes(value);
}

function positive(parts: ReadonlyMap<string, string>, name: string): number | null {
  const text = parts.get(name);
  if (text === undefined) return null;
  const n = POSITIVE_INTEGER.test(text) ? Number(text) : 0;
  if (!Number.isSafeInteger(n) || n < 1) throw invalid(`${name}=${text}`, `${name} must be a positive integer`);
  return n;
}

/**
 * Parses and checks an RRULE value (RFC 5545 3.3.10; names and values case-insensitive). ical.js
 * parses the pattern but lets through what the RFC forbids (no FREQ, COUNT with UNTIL, INTERVAL=0,
 * unknown or repeated parts), so those are checked here first. Throws RecurrenceError:
 * InvalidDate for a bad UNTIL, InvalidRule for a rule the RFC forbids, UnsupportedRule for BYWEEKNO
 * (ical.js 2.2 expands it wrongly) and rule parts the RFC does not define.
 */
export function parseRecurrenceRule(text: string): RecurrenceRule {
  if (typeof text !== 'string' || text.trim() === '') throw invalid(String(text), 'empty RRULE');
  const parts = new Map<string, string>();
  for (const part of text.trim().toUpperCase().split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    if (eq <= 0 || eq === part.length - 1) throw invalid(part, 'malformed rule part (expected NAME=VALUE)');
    if (parts.has(name)) throw invalid(part, `${name} given twice`);
    if (!RULE_PARTS.has(name)) {
      throw recurrenceError(RecurrenceErrorCode.UnsupportedRule, part, `${name} is not an RFC 5545 rule part`);
    }
    parts.set(name, part.slice(eq + 1));
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) throw invalid(text, 'no FREQ');
  if (!isFrequency(freq)) throw invalid(`FREQ=${freq}`, `FREQ must be one of ${FREQUENCIES.join(', ')}`);
  if (parts.has('COUNT') && parts.has('UNTIL')) throw invalid(text, 'COUNT and UNTIL together');
  if (parts.has('BYWEEKNO')) {
    throw recurrenceError(RecurrenceErrorCode.UnsupportedRule, `BYWEEKNO=${parts.get('BYWEEKNO') ?? ''}`, 'BYWEEKNO is not supported');
  }
  const byParts = [...parts.keys()].filter((name) => name.startsWith('BY'));
  if (parts.has('BYSETPOS') && byParts.length === 1) {
    throw invalid(`BYSETPOS=${parts.get('BYSETPOS') ?? ''}`, 'BYSETPOS needs another BYxxx rule part');
  }
  const count = positive(parts, 'COUNT');
  positive(parts, 'INTERVAL');
  const untilText = parts.get('UNTIL');
  const until = untilText === undefined ? null : parseDateValue(untilText);
  const patternText = [...parts.entries()]
    .filter(([name]) => name !== 'COUNT' && name !== 'UNTIL')
    .map(([name, value]) => `${name}=${value}`)
    .join(';');
  let pattern: ICAL.Recur;
  try {
    pattern = ICAL.Recur.fromString(patternText);
  } catch (error) {
    throw invalid(text, error instanceof Error ? error.message : String(error));
  }
  const byOnly = new Map([...parts.entries()].filter(([name]) => name.startsWith('BY')));
  return { freq, count, until, parts: byOnly, pattern };
}
