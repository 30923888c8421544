import { Type } from '@sinclair/typebox';
import type { TString } from '@sinclair/typebox';

/**
 * The one rule for free text entering the platform (GraphQL inputs and event payloads alike): no
 * C0 or C1 control character except tab and line feed (NUL, escape, carriage return, DEL, ...),
 * and a length limit by the kind of field. GraphQL inputs are also normalised to Unicode NFC
 * (and CR LF to LF) before the check; events are checked as they are.
 */
export const TEXT_KINDS = ['id', 'name', 'text', 'document'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** Upper bounds per kind; a domain rule may be stricter (an incident title has at most 200 characters). */
export const TEXT_LIMITS: Readonly<Record<TextKind, number>> = {
  /** Identifiers, codes, keys, cursors. */
  id: 128,
  /** Names, titles, labels, search words. */
  name: 256,
  /** Descriptions, notes, reasons, attribute values. */
  text: 32_768,
  /** A whole file pasted in (an iCalendar import). */
  document: 1_000_000,
};

/** Where the first C0/C1 control character other than tab (U+0009) and line feed (U+000A) is; -1 when none. */
export function controlCharacterIndex(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a) || (unit >= 0x7f && unit <= 0x9f)) return i;
  }
  return -1;
}

/** The same rule as a JSON Schema `pattern` (ajv compiles it with the `u` flag). */
export const NO_CONTROL_CHARACTERS_PATTERN = '^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]*$';

export type TextProblem = { readonly reason: 'control_character'; readonly index: number } | { readonly reason: 'too_long'; readonly max: number };

/** Normalises (NFC, CR LF and lone CR to LF) and checks one text value; the problem when it breaks the rule. */
export function checkText(value: string, kind: TextKind): { readonly value: string } | { readonly problem: TextProblem } {
  const normalised = value.normalize('NFC').replaceAll('\r\n', '\n').replaceAll('\r', '\n');
  const index = controlCharacterIndex(normalised);
  if (index >= 0) return { problem: { reason: 'control_character', index } };
  if (normalised.length > TEXT_LIMITS[kind]) return { problem: { reason: 'too_long', max: TEXT_LIMITS[kind] } };
  return { value: normalised };
}

/** An event payload's text field: the contract's own length bounds plus the control-character rule. */
export function TextSchema(options: { readonly minLength?: number; readonly maxLength: number }): TString {
  return Type.String({ ...options, pattern: NO_CONTROL_CHARACTERS_PATTERN });
}
