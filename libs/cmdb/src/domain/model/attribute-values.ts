import { CmdbError, CmdbErrorCode } from '../cmdb.errors';
import type { AttributeDefinition } from './ci-class';
import type { AttributeValue } from './ci';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  if (!text.includes(':') || text.length > 45) return false;
  // IPv6: at most one '::', eight groups in all (an embedded IPv4 counts as two).
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const last = groups.at(-1);
  // Only the address's last group may be an IPv4 ('1.2.3.4::' is not an address).
  const v4Tail = last !== undefined && IPV4.test(last) && text.endsWith(last);
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => HEX_GROUP.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

const zoneCache = new Map<string, boolean>();
export function isTimeZone(text: string): boolean {
  let known = zoneCache.get(text);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: text });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCache.size < 10_000) zoneCache.set(text, known);
  }
  return known;
}

/** Date.parse rolls 2024-02-30 over to March 1st: the day must exist in its month. */
function isCalendarDay(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day >= 1 && day <= days;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function invalid(definition: AttributeDefinition, value: unknown, why: string): CmdbError {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(value);
  return new CmdbError(CmdbErrorCode.InvalidAttribute, `attribute ${definition.name} ${why} (got ${shown})`, { attribute: definition.name, expected: definition.type });
}

/** The value as stored, or a CMDB.INVALID_ATTRIBUTE naming the attribute and the type it expects. */
export function checkAttributeValue(definition: AttributeDefinition, value: AttributeValue): AttributeValue {
  if (value === null) {
    if (definition.required) throw invalid(definition, value, 'is required');
    return null;
  }
  switch (definition.type) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') throw invalid(definition, value, 'must be a string');
      const max = definition.maxLength ?? (definition.type === 'string' ? 255 : 4_000);
      if (value.length > max) throw invalid(definition, value, `must be at most ${max} characters`);
      if (definition.type === 'string' && hasControlCharacter(value)) throw invalid(definition, value, 'must not contain control characters');
      if (definition.required && value.trim() === '') throw invalid(definition, value, 'is required');
      return value;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(definition, value, `must be a${definition.type === 'integer' ? 'n integer' : ' number'}`);
      if (definition.type === 'integer' && !Number.isSafeInteger(value)) throw invalid(definition, value, 'must be an integer');
      if (definition.min !== undefined && value < definition.min) throw invalid(definition, value, `must be at least ${definition.min}`);
      if (definition.max !== undefined && value > definition.max) throw invalid(definition, value, `must be at most ${definition.max}`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(definition, value, 'must be true or false');
      return value;
    case 'datetime':
      if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)) || !isCalendarDay(value)) throw invalid(definition, value, 'must be an ISO 8601 date-time with offset');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !(definition.values ?? []).includes(value)) throw invalid(definition, value, `must be one of ${(definition.values ?? []).join(', ')}`);
      return value;
    case 'ip_address':
      if (typeof value !== 'string' || !isIpAddress(value)) throw invalid(definition, value, 'must be an IPv4 or IPv6 address');
      return value;
    case 'time_zone':
      if (typeof value !== 'string' || !isTimeZone(value)) throw invalid(definition, value, 'must be an IANA time zone');
      return value;
  }
}

/**
 * A value typed as text (GraphQL carries every attribute as a string) turned into its class's type:
 * "4" for an integer is 4, "true" for a boolean is true; `null` clears. The result is then checked
 * by `checkAttributeValue` like any other value.
 */
export function coerceAttributeText(definition: AttributeDefinition, text: string | null): AttributeValue {
  if (text === null) return null;
  switch (definition.type) {
    case 'integer':
      if (!/^-?\d{1,16}$/.test(text.trim())) throw invalid(definition, text, 'must be an integer');
      return Number(text.trim());
    case 'number': {
      const value = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
      if (!Number.isFinite(value)) throw invalid(definition, text, 'must be a number');
      return value;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw invalid(definition, text, 'must be true or false');
      return text === 'true';
    default:
      return text;
  }
}

/** The canonical text of a value (GraphQL answers). */
export function attributeText(value: AttributeValue): string | null {
  return value === null ? null : String(value);
}
