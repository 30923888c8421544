import ICAL from 'ical.js';
import { SlaError, SlaErrorCode } from '../sla.errors';

/**
 * An iCalendar text as components of content lines, each with the physical line it starts on. The
 * content-line grammar (name, parameters with quoting and RFC 6868 escapes, value) and the value
 * types are ical.js's; what ical.js does not do is kept here: it reports no positions and accepts
 * mismatched or stray BEGIN/END, so unfolding (to count physical lines) and the nesting are checked
 * here, so that an administrator's broken file gets an error naming its line.
 */

export interface ContentLine {
  /** Upper-cased property name, e.g. 'DTSTART'. */
  readonly name: string;
  /** Upper-cased parameter names to their (unquoted) values; VALUE is in `valueType`. */
  readonly params: ReadonlyMap<string, string>;
  /** The VALUE parameter, lower-cased ('date', 'period'), when given. */
  readonly valueType: string | undefined;
  /** The value exactly as written (still escaped). */
  readonly value: string;
  /** 1-based number of the physical line the (possibly folded) content line starts on. */
  readonly line: number;
  /** The unfolded content line. */
  readonly source: string;
}

export interface ICalComponent {
  readonly name: string;
  readonly line: number;
  readonly properties: ContentLine[];
  readonly components: ICalComponent[];
}

export function iCalendarError(line: number, problem: string): SlaError {
  return new SlaError(SlaErrorCode.InvalidICalendar, `Invalid iCalendar at line ${line}: ${problem}`, { line });
}

/** No value types and no property defaults: ical.js splits the line and leaves the value as written. */
const AS_WRITTEN = { value: Object.create(null), param: Object.create(null), property: Object.create(null), propertyGroups: false };
const NAME = /^[A-Za-z0-9-]+$/;
const BEGIN_END = /^(BEGIN|END):(.*)$/i;

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

/** Joins folded lines: a line break followed by a space or tab continues the previous line. */
function unfoldLines(text: string): LogicalLine[] {
  const logical: { text: string; line: number }[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, index) => {
    const previous = logical[logical.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && previous !== undefined) previous.text += raw.slice(1);
    else logical.push({ text: raw, line: index + 1 });
  });
  return logical.filter((l) => l.text.trim() !== '');
}

function clip(text: string): string {
  return text.slice(0, 40);
}

/** One property line through ical.js's content-line parser. */
function parseContentLine(source: string, line: number): ContentLine {
  if (!source.includes(':')) throw iCalendarError(line, `missing ":" in content line "${clip(source)}"`);
  let parsed: unknown;
  try {
    parsed = ICAL.parse.property(source, AS_WRITTEN);
  } catch (error) {
    throw iCalendarError(line, `malformed content line "${clip(source)}" (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !NAME.test(parsed[0]) || typeof parsed[3] !== 'string') {
    throw iCalendarError(line, `malformed content line "${clip(source)}"`);
  }
  const params = new Map<string, string>();
  const rawParams: unknown = parsed[1];
  if (typeof rawParams === 'object' && rawParams !== null) {
    for (const [name, value] of Object.entries(rawParams)) params.set(name.toUpperCase(), Array.isArray(value) ? value.join(',') : String(value));
  }
  const valueType = typeof parsed[2] === 'string' && parsed[2] !== 'unknown' ? parsed[2] : undefined;
  return { name: parsed[0].toUpperCase(), params, valueType, value: parsed[3], line, source };
}

/** Parses the text into its VCALENDAR components; throws SlaError(InvalidICalendar) with a line number. */
export function parseICalendar(text: string): ICalComponent[] {
  if (typeof text !== 'string') throw iCalendarError(1, 'expected iCalendar text');
  const lines = unfoldLines(text);
  const calendars: ICalComponent[] = [];
  const stack: ICalComponent[] = [];
  for (const { text: source, line } of lines) {
    const top = stack[stack.length - 1];
    const beginEnd = BEGIN_END.exec(source);
    const name = beginEnd?.[2]?.trim().toUpperCase() ?? '';
    if (beginEnd?.[1]?.toUpperCase() === 'BEGIN') {
      const component: ICalComponent = { name, line, properties: [], components: [] };
      if (top === undefined) {
        if (name !== 'VCALENDAR') throw iCalendarError(line, `expected BEGIN:VCALENDAR, found BEGIN:${beginEnd[2] ?? ''}`);
        calendars.push(component);
      } else {
        top.components.push(component);
      }
      stack.push(component);
    } else if (beginEnd !== null) {
      if (top === undefined) throw iCalendarError(line, `END:${name} without a matching BEGIN`);
      if (top.name !== name) throw iCalendarError(line, `END:${name} does not match BEGIN:${top.name} at line ${top.line}`);
      stack.pop();
    } else {
      const property = parseContentLine(source, line);
      if (top === undefined) throw iCalendarError(line, `${property.name} outside BEGIN:VCALENDAR ... END:VCALENDAR`);
      top.properties.push(property);
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) {
    const lastLine = lines[lines.length - 1]?.line ?? open.line;
    throw iCalendarError(lastLine, `BEGIN:${open.name} at line ${open.line} is never closed (missing END:${open.name})`);
  }
  if (calendars.length === 0) throw iCalendarError(1, 'no BEGIN:VCALENDAR found');
  return calendars;
}

/** A TEXT value unescaped by ical.js (RFC 5545 3.3.11: `\,` `\;` `\\` and `\n` / `\N`). */
export function textValue(property: ContentLine): string {
  const parsed: unknown = ICAL.parse.property(property.source);
  const value: unknown = Array.isArray(parsed) ? parsed[3] : undefined;
  return typeof value === 'string' ? value : property.value;
}
