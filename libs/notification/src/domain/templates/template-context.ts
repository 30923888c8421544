import type { Notice, NoticeItem, Recipient, TicketRef } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';
import { EVENT_TIME_FIELD } from './template-variables';

/** Who reads the message, as the template sees them (`recipient.*`). */
export interface TemplateReader {
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string;
}

/** What the context is built from beside the notice: names of actors, each event type's date fields. */
export interface TemplateContextSources {
  readonly reader: TemplateReader;
  /** Display names by person id (who acted); an unknown actor shows as their id. */
  readonly actorNames: ReadonlyMap<string, string>;
  /** The payload fields of an event type formatted under `formatted.*` (besides its time). */
  readonly dateFields: (eventType: string) => readonly string[];
}

/** Plain JSON data (what the engine reads: no prototypes, no functions, no getters). */
export type TemplateData = Readonly<Record<string, unknown>>;

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
/** Formatters by locale and zone (building one costs more than formatting); bounded: cleared when full. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 512;

/** The formatter of `locale` in `timeZone`; UTC in English when either is unknown to Intl. */
function dateTimeFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  const cached = formatters.get(key);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(locale, { ...DATE_TIME_OPTIONS, timeZone });
  } catch {
    formatter = new Intl.DateTimeFormat('en', { ...DATE_TIME_OPTIONS, timeZone: 'UTC' });
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(key, formatter);
  return formatter;
}

/** A date-time in `locale` and `timeZone` ("3 Dec 2026, 12:33 CET"); text that is no date stays as it is. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : dateTimeFormatter(locale, timeZone).format(at);
}

const ticketData = (ticket: TicketRef): TemplateData => ({ number: ticket.number, title: ticket.title, link: ticket.link, topic: ticket.topic, id: ticket.id });

function itemData(item: NoticeItem, sources: TemplateContextSources): TemplateData {
  const { reader } = sources;
  const data = item.event.data;
  const formatted: Record<string, string> = { [EVENT_TIME_FIELD]: formatDateTime(item.event.time, reader.locale, reader.timeZone) };
  for (const field of sources.dateFields(item.event.type)) {
    const value = data[field];
    if (typeof value === 'string') formatted[field] = formatDateTime(value, reader.locale, reader.timeZone);
  }
  const actor = item.event.actorId === null ? null : (sources.actorNames.get(item.event.actorId) ?? item.event.actorId);
  return { event: plain(data), ticket: ticketData(item.ticket), actor, formatted };
}

/** The name a recipient is addressed by: a person's display name, an address, an endpoint's id. */
export function recipientName(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'person':
      return recipient.displayName;
    case 'address':
      return recipient.address;
    case 'endpoint':
      return recipient.endpointId;
  }
}

/**
 * The data a notice's template renders: the first item's `event` (its payload), `ticket`, `actor`
 * and `formatted` dates at the top, `recipient`, every item with their `count` (a digest or a
 * coalesced storm lists them all), and the recipient's own `links` (an on-call page's acknowledge link). Plain JSON copies: the engine sees no prototype of ours.
 */
export function templateContext(notice: Notice, sources: TemplateContextSources): TemplateData {
  if (notice.items.length === 0) throw notificationError(NotificationErrorCode.InvalidInput, `notice ${notice.key} has no items to render`, { field: 'items', key: notice.key });
  const items = notice.items.map((item) => itemData(item, sources));
  const [first = {}] = items;
  return { ...first, recipient: { ...sources.reader }, count: items.length, items, links: { ...notice.links } };
}
