import { RE2JS } from 're2js';
import { FORM_LIMITS } from './form.model';
import type { FormValue, FormVariable } from './form.model';

/** Why a submitted value is refused: `details.reason` of CATALOGUE.INVALID_VARIABLE. */
export type InvalidValueReason =
  | 'wrong_type'
  | 'not_single_line'
  | 'too_short'
  | 'too_long'
  | 'pattern'
  | 'not_integer'
  | 'below_min'
  | 'above_max'
  | 'not_a_date'
  | 'before_min_date'
  | 'after_max_date'
  | 'not_an_option'
  | 'too_few_selections'
  | 'too_many_selections'
  | 'not_an_id';

/** What a raw value means for a variable: nothing (null, blank text, no choice), a normalised value, or a refusal. */
export type ValueReading =
  | { readonly kind: 'unset' }
  | { readonly kind: 'value'; readonly value: FormValue }
  | { readonly kind: 'invalid'; readonly reason: InvalidValueReason; readonly limit: number | string | null };

const UNSET: ValueReading = { kind: 'unset' };
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * Reads a raw (JSON) value for a variable: text trimmed, numbers from numbers or decimal text,
 * dates as `YYYY-MM-DD`, multiple choices de-duplicated in option order, ids trimmed.
 */
export function readValue(variable: FormVariable, raw: unknown): ValueReading {
  if (raw === null || raw === undefined) return UNSET;
  switch (variable.type) {
    case 'text':
    case 'multiline_text':
      return typeof raw === 'string' ? readText(variable, raw) : invalid('wrong_type');
    case 'number':
      return readNumber(variable, raw);
    case 'date':
      return typeof raw === 'string' ? readDate(variable, raw) : invalid('wrong_type');
    case 'boolean':
      return typeof raw === 'boolean' ? { kind: 'value', value: raw } : invalid('wrong_type');
    case 'single_choice':
      return readChoice(variable, raw);
    case 'multiple_choice':
      return readChoices(variable, raw);
    case 'person':
    case 'group':
    case 'configuration_item':
    case 'service':
      return readReference(raw);
  }
}

/** A compiled variable pattern: `test` is true when it matches the WHOLE text. */
export interface VariablePattern {
  test(text: string): boolean;
}

/**
 * Compiles a variable's pattern (an admin writes it; requesters' text runs against it). It must be
 * valid both as a JavaScript `u` expression (portals check values with it before sending) and as an
 * RE2 expression, and it runs with RE2 (re2js): matching is linear in the text, so a pattern such as
 * `(a+)+b` cannot stall a replica on a long value (catastrophic backtracking). Constructs only a
 * backtracking engine has (look-around, back-references) are refused. Throws on an invalid source.
 */
export function compilePattern(source: string): VariablePattern {
  new RegExp(source, 'u');
  const re2 = RE2JS.compile(source);
  return { test: (text) => re2.matches(text) };
}

/** A date `YYYY-MM-DD` (month and day may have one digit) as canonical `YYYY-MM-DD`, or null when it is no calendar date. */
export function canonicalDate(text: string): string | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readText(variable: FormVariable, raw: string): ValueReading {
  const text = raw.trim();
  if (text === '') return UNSET;
  const single = variable.type === 'text';
  if (single && /[\r\n]/.test(text)) return invalid('not_single_line');
  const max = variable.maxLength ?? (single ? FORM_LIMITS.text : FORM_LIMITS.multilineText);
  if (text.length > max) return invalid('too_long', max);
  if (variable.minLength !== null && text.length < variable.minLength) return invalid('too_short', variable.minLength);
  if (variable.pattern !== null && !compilePattern(variable.pattern).test(text)) return invalid('pattern', variable.pattern);
  return { kind: 'value', value: text };
}

function readNumber(variable: FormVariable, raw: unknown): ValueReading {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return UNSET;
    if (!DECIMAL.test(text)) return invalid('wrong_type');
    value = Number(text);
  } else return invalid('wrong_type');
  if (!Number.isFinite(value)) return invalid('wrong_type');
  if (variable.integer && !Number.isInteger(value)) return invalid('not_integer');
  if (variable.min !== null && value < variable.min) return invalid('below_min', variable.min);
  if (variable.max !== null && value > variable.max) return invalid('above_max', variable.max);
  return { kind: 'value', value };
}

function readDate(variable: FormVariable, raw: string): ValueReading {
  if (raw.trim() === '') return UNSET;
  const date = canonicalDate(raw);
  if (date === null) return invalid('not_a_date');
  if (variable.minDate !== null && date < variable.minDate) return invalid('before_min_date', variable.minDate);
  if (variable.maxDate !== null && date > variable.maxDate) return invalid('after_max_date', variable.maxDate);
  return { kind: 'value', value: date };
}

function readChoice(variable: FormVariable, raw: unknown): ValueReading {
  if (typeof raw !== 'string') return invalid('wrong_type');
  if (raw === '') return UNSET;
  return variable.options.some((o) => o.value === raw) ? { kind: 'value', value: raw } : invalid('not_an_option');
}

function readChoices(variable: FormVariable, raw: unknown): ValueReading {
  if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string')) return invalid('wrong_type');
  if (raw.length === 0) return UNSET;
  const chosen = new Set(raw);
  const values = variable.options.map((o) => o.value).filter((v) => chosen.has(v));
  if (values.length < chosen.size) return invalid('not_an_option');
  if (variable.minSelections !== null && values.length < variable.minSelections) return invalid('too_few_selections', variable.minSelections);
  if (variable.maxSelections !== null && values.length > variable.maxSelections) return invalid('too_many_selections', variable.maxSelections);
  return { kind: 'value', value: values };
}

function readReference(raw: unknown): ValueReading {
  if (typeof raw !== 'string') return invalid('wrong_type');
  const id = raw.trim();
  if (id === '') return UNSET;
  return REFERENCE_ID.test(id) ? { kind: 'value', value: id } : invalid('not_an_id');
}

function invalid(reason: InvalidValueReason, limit: number | string | null = null): ValueReading {
  return { kind: 'invalid', reason, limit };
}
