/** Channels that reach a person (the directory's email; the person's inbox in the portal). */
export const PERSON_CHANNELS = ['email', 'in_app'] as const;
/** Channels that reach a configured endpoint (Standard Webhooks; Slack and Teams incoming webhooks). */
export const ENDPOINT_CHANNELS = ['webhook', 'slack', 'teams'] as const;
export const CHANNELS = [...PERSON_CHANNELS, ...ENDPOINT_CHANNELS] as const;
export type PersonChannel = (typeof PERSON_CHANNELS)[number];
export type EndpointChannel = (typeof ENDPOINT_CHANNELS)[number];
export type Channel = (typeof CHANNELS)[number];

/**
 * What a notification is about, for people's preferences (channel per category, which categories
 * may break quiet hours) and for reporting. A rule names one.
 */
export const NOTIFICATION_CATEGORIES = ['assignment', 'update', 'comment', 'approval', 'sla', 'major_incident', 'change', 'request', 'on_call', 'integration', 'digest'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** A consumed event as the notification context reads it (the envelope's facts, the payload as data). */
export interface SourceEvent {
  readonly id: string;
  readonly topic: string;
  readonly type: string;
  readonly source: string;
  /** The record the event is about (the Kafka key): an incident's id, a directory record's subject ... */
  readonly subject: string;
  readonly sequence: number | null;
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Who caused it (the payload's `by`), or null for the system: never notified about their own act. */
  readonly actorId: string | null;
  readonly causationId: string | null;
  readonly correlationId: string | null;
}

/** The ticket (or other record) a notification is about: threading, links, storm grouping. */
export interface TicketRef {
  readonly topic: string;
  readonly id: string;
  /** INC0001234, CHG0001001 ...; null for records without a number. */
  readonly number: string | null;
  readonly title: string | null;
  /** The portal link to it. */
  readonly link: string;
  /**
   * What a storm groups under: the parent (a major incident) of a child incident, else the ticket
   * itself. 300 children of one major incident coalesce per recipient into one message.
   */
  readonly rootId: string;
}

/** A person as the directory knows them, with what delivery needs (address, locale, zone). */
export interface PersonRecipient {
  readonly kind: 'person';
  readonly personId: string;
  /** The person's user name (lower-case), which signed-in callers may carry as their token subject; absent on notices kept before. */
  readonly userName?: string | null;
  readonly displayName: string;
  readonly email: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly chatHandle: string | null;
}
/** A fixed mail address a rule names (a distribution list, a supplier's service desk). */
export interface AddressRecipient {
  readonly kind: 'address';
  readonly address: string;
}
/** A configured webhook, Slack or Teams endpoint. */
export interface EndpointRecipient {
  readonly kind: 'endpoint';
  readonly endpointId: string;
}
export type Recipient = PersonRecipient | AddressRecipient | EndpointRecipient;

/** One key per recipient, for exactly-once: a person by id, an address case-insensitively, an endpoint by id. */
export function recipientKey(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'person':
      return `person:${recipient.personId}`;
    case 'address':
      return `address:${recipient.address.toLowerCase()}`;
    case 'endpoint':
      return `endpoint:${recipient.endpointId}`;
  }
}

/** One event a notice reports (a digest or a coalesced storm reports many). */
export interface NoticeItem {
  /** The rule that matched (null for the context's own notices: escalation pages, digests). */
  readonly ruleId: string | null;
  readonly templateId: string;
  readonly event: SourceEvent;
  readonly ticket: TicketRef;
}

/**
 * One message to one recipient on one channel: what the rules decide and delivery carries out.
 * `key` is the exactly-once key's origin: the event's id for a rule's notice, the digest's or the
 * escalation level's id for the context's own. A (key, recipient, channel) is delivered at most
 * once across retries, restarts and replicas (`deliveryId`).
 */
export interface Notice {
  readonly key: string;
  readonly recipient: Recipient;
  readonly channel: Channel;
  readonly category: NotificationCategory;
  /** May break quiet hours and skip digests (a P1, an on-call page). */
  readonly urgent: boolean;
  readonly templateId: string;
  readonly items: readonly NoticeItem[];
  /** Links made for this recipient (an on-call page's signed `acknowledge` link), as the template's `links.*`. */
  readonly links?: Readonly<Partial<Record<NoticeLink, string>>>;
}

/** The links a notice may carry for its recipient. */
export const NOTICE_LINKS = ['acknowledge'] as const;
export type NoticeLink = (typeof NOTICE_LINKS)[number];

/** What a template renders for one recipient in their locale (mail: subject, text and HTML; chat and in-app: subject and text). */
export interface RenderedMessage {
  readonly locale: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}
