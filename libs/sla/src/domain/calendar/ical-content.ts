import { SlaError, SlaErrorCode } from '../sla.errors';

/** RFC 5545 content lines and components: unfolding, `NAME;PARAM=V:VALUE`, BEGIN/END nesting. */

export interface ContentLine {
  /** Upper-cased property name, e.g. 'DTSTART'. */
  readonly name: string;
  /** Upper-cased parameter names to raw (unquoted) values, e.g. VALUE -> 'DATE'. */
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  /** 1-based number of the physical line the (possibly folded) content line starts on. */
  readonly line: number;
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

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

/** Joins folded lines: a CRLF or LF (or CR) followed by a space or tab continues the previous line. */
export function unfoldLines(text: string): LogicalLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, index) => {
    const previous = logical[logical.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && previous !== undefined) previous.text += raw.slice(1);
    else logical.push({ text: raw, line: index + 1 });
  });
  return logical.filter((l) => l.text.trim() !== '');
}

const NAME = /^[A-Za-z0-9-]+$/;

/** Splits `NAME;P1=a;P2="b:c":value`, honouring quoted parameter values. */
export function parseContentLine(text: string, line: number): ContentLine {
  let i = 0;
  while (i < text.length && text[i] !== ';' && text[i] !== ':') i += 1;
  const name = text.slice(0, i);
  if (!NAME.test(name)) throw iCalendarError(line, `malformed content line "${text.slice(0, 40)}"`);
  const params = new Map<string, string>();
  while (text[i] === ';') {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw iCalendarError(line, `malformed parameter in "${text.slice(0, 40)}"`);
    const paramName = text.slice(i + 1, eq).toUpperCase();
    let j = eq + 1;
    let value = '';
    for (;;) {
      if (text[j] === '"') {
        const close = text.indexOf('"', j + 1);
        if (close < 0) throw iCalendarError(line, `unterminated quoted parameter ${paramName}`);
        value += text.slice(j + 1, close);
        j = close + 1;
      } else {
        const start = j;
        while (j < text.length && text[j] !== ';' && text[j] !== ':' && text[j] !== ',' && text[j] !== '"') j += 1;
        value += text.slice(start, j);
      }
      if (text[j] !== ',') break;
      value += ',';
      j += 1;
    }
    params.set(paramName, value);
    i = j;
  }
  if (text[i] !== ':') throw iCalendarError(line, `missing ":" in content line "${text.slice(0, 40)}"`);
  return { name: name.toUpperCase(), params, value: text.slice(i + 1), line };
}

/** Parses the text into its VCALENDAR components; throws SlaError(InvalidICalendar) with a line number. */
export function parseICalendar(text: string): ICalComponent[] {
  if (typeof text !== 'string') throw iCalendarError(1, 'expected iCalendar text');
  const lines = unfoldLines(text);
  const calendars: ICalComponent[] = [];
  const stack: ICalComponent[] = [];
  for (const { text: raw, line } of lines) {
    const content = parseContentLine(raw, line);
    const top = stack[stack.length - 1];
    if (content.name === 'BEGIN') {
      const component: ICalComponent = { name: content.value.trim().toUpperCase(), line, properties: [], components: [] };
      if (top === undefined) {
        if (component.name !== 'VCALENDAR') throw iCalendarError(line, `expected BEGIN:VCALENDAR, found BEGIN:${content.value}`);
        calendars.push(component);
      } else {
        top.components.push(component);
      }
      stack.push(component);
    } else if (content.name === 'END') {
      const name = content.value.trim().toUpperCase();
      if (top === undefined) throw iCalendarError(line, `END:${name} without a matching BEGIN`);
      if (top.name !== name) {
        throw iCalendarError(line, `END:${name} does not match BEGIN:${top.name} at line ${top.line}`);
      }
      stack.pop();
    } else if (top === undefined) {
      throw iCalendarError(line, `${content.name} outside BEGIN:VCALENDAR ... END:VCALENDAR`);
    } else {
      top.properties.push(content);
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

/** Text value unescaping: `\,` `\;` `\\` and `\n`/`\N` (newline). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_match, escaped: string) => (escaped === 'n' || escaped === 'N' ? '\n' : escaped));
}
