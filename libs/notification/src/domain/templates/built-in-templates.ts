import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import type { NotificationTemplate } from './notification-template';

/** The ids of the templates the context ships (they exist without an admin saving them; saving the id overrides one). */
export const BUILT_IN_TEMPLATE_IDS = { event: 'builtin.event', digest: 'builtin.digest', onCallPage: 'builtin.on-call-page', escalation: 'builtin.escalation', endpointDisabled: 'builtin.endpoint-disabled' } as const;

/**
 * A subject's ticket tag, `[INC0000007] `, written by the template so the mail keeps it as it is
 * (stableSubject adds the tag only when missing): the number reads once, on every channel.
 */
const TICKET_TAG = '{% if ticket.number %}[{{ ticket.number }}] {% endif %}';

const DIGEST_LIST_TEXT = '{% for item in items %}- {{ item.ticket.number }} {{ item.ticket.title }} ({{ item.formatted.time }}): {{ item.ticket.link }}\n{% endfor %}';
const DIGEST_LIST_HTML = '<ul>{% for item in items %}<li><a href="{{ item.ticket.link }}">{{ item.ticket.number }}</a> {{ item.ticket.title }} ({{ item.formatted.time }})</li>{% endfor %}</ul>';

/** Any event on a ticket: what it is, when, by whom, and the link (a storm's message lists every event). */
const EVENT: NotificationTemplate = {
  id: BUILT_IN_TEMPLATE_IDS.event,
  name: 'Event on a ticket',
  kind: 'event',
  eventTypes: [],
  variants: [
    {
      locale: 'en',
      subject: TICKET_TAG + '{{ ticket.title }}{% if count > 1 %} ({{ count }} updates){% endif %}',
      text: 'Hello {{ recipient.name }},\n\n{{ ticket.number }} {{ ticket.title }} changed on {{ formatted.time }}{% if actor %} by {{ actor }}{% endif %}.\n{% if count > 1 %}\n' + DIGEST_LIST_TEXT + '{% endif %}\nOpen it: {{ ticket.link }}\n',
      html: '<p>Hello {{ recipient.name }},</p><p><a href="{{ ticket.link }}">{{ ticket.number }} {{ ticket.title }}</a> changed on {{ formatted.time }}{% if actor %} by {{ actor }}{% endif %}.</p>{% if count > 1 %}' + DIGEST_LIST_HTML + '{% endif %}',
    },
    {
      locale: 'de',
      subject: TICKET_TAG + '{{ ticket.title }}{% if count > 1 %} ({{ count }} Änderungen){% endif %}',
      text: 'Hallo {{ recipient.name }},\n\n{{ ticket.number }} {{ ticket.title }} wurde am {{ formatted.time }}{% if actor %} von {{ actor }}{% endif %} geändert.\n{% if count > 1 %}\n' + DIGEST_LIST_TEXT + '{% endif %}\nÖffnen: {{ ticket.link }}\n',
      html: '<p>Hallo {{ recipient.name }},</p><p><a href="{{ ticket.link }}">{{ ticket.number }} {{ ticket.title }}</a> wurde am {{ formatted.time }}{% if actor %} von {{ actor }}{% endif %} geändert.</p>{% if count > 1 %}' + DIGEST_LIST_HTML + '{% endif %}',
    },
  ],
};

/** A digest: every item it collected, each with its ticket, time and link. */
const DIGEST: NotificationTemplate = {
  id: BUILT_IN_TEMPLATE_IDS.digest,
  name: 'Digest',
  kind: 'digest',
  eventTypes: [],
  variants: [
    { locale: 'en', subject: 'Your digest: {{ count }} notifications', text: 'Hello {{ recipient.name }},\n\n' + DIGEST_LIST_TEXT, html: '<p>Hello {{ recipient.name }},</p>' + DIGEST_LIST_HTML },
    { locale: 'de', subject: 'Ihre Zusammenfassung: {{ count }} Benachrichtigungen', text: 'Hallo {{ recipient.name }},\n\n' + DIGEST_LIST_TEXT, html: '<p>Hallo {{ recipient.name }},</p>' + DIGEST_LIST_HTML },
  ],
};

/** A page's wording in one locale: the subject's tag, the sentence before the links (both read `ticket` and `formatted`), the links' labels. */
interface PageWording {
  readonly locale: string;
  readonly tag: string;
  readonly sentence: (ticket: string) => string;
  readonly open: string;
  /** The label of the signed acknowledgement link (`links.acknowledge`, shown when the page carries one). */
  readonly acknowledge: string;
}

function onCallTemplate(id: string, name: string, wordings: readonly PageWording[]): NotificationTemplate {
  const variants = wordings.map((w) => ({
    locale: w.locale,
    subject: `${TICKET_TAG}[${w.tag}] {{ ticket.title }}`,
    text: `${w.sentence('{{ ticket.number }} {{ ticket.title }}')}\n{% if links.acknowledge %}${w.acknowledge}: {{ links.acknowledge }}\n{% endif %}${w.open}: {{ ticket.link }}\n`,
    html: `<p>${w.sentence('<a href="{{ ticket.link }}">{{ ticket.number }} {{ ticket.title }}</a>')}</p>{% if links.acknowledge %}<p><a href="{{ links.acknowledge }}">${w.acknowledge}</a></p>{% endif %}`,
  }));
  return { id, name, kind: 'on_call', eventTypes: [], variants };
}

/** The first level of an escalation: the on-call person is paged. */
const ON_CALL_PAGE = onCallTemplate(BUILT_IN_TEMPLATE_IDS.onCallPage, 'On-call page', [
  { locale: 'en', tag: 'On call', sentence: (t) => `{{ recipient.name }}, you are on call for ${t} (since {{ formatted.time }}).`, open: 'Open it', acknowledge: 'Acknowledge' },
  { locale: 'de', tag: 'Bereitschaft', sentence: (t) => `{{ recipient.name }}, Sie haben Bereitschaft für ${t} (seit {{ formatted.time }}).`, open: 'Öffnen', acknowledge: 'Bestätigen' },
]);

/** A later level: nobody acknowledged in time, so the page goes up. */
const ESCALATION = onCallTemplate(BUILT_IN_TEMPLATE_IDS.escalation, 'Escalation', [
  { locale: 'en', tag: 'Escalated', sentence: (t) => `{{ recipient.name }}, nobody acknowledged ${t} (since {{ formatted.time }}); it is escalated to you.`, open: 'Open it', acknowledge: 'Acknowledge' },
  { locale: 'de', tag: 'Eskaliert', sentence: (t) => `{{ recipient.name }}, niemand hat ${t} (seit {{ formatted.time }}) bestätigt; es ist an Sie eskaliert.`, open: 'Öffnen', acknowledge: 'Bestätigen' },
]);

/** What an endpoint's owner and contact read when it was switched off: which, why, when, and where to switch it on again. */
const ENDPOINT_DISABLED: NotificationTemplate = {
  id: BUILT_IN_TEMPLATE_IDS.endpointDisabled,
  name: 'Endpoint disabled',
  kind: 'event',
  eventTypes: [NOTIFICATION_EVENT_TYPES.endpointDisabled],
  variants: [
    {
      locale: 'en',
      subject: '[Endpoint disabled] {{ event.name }} ({{ event.channel }})',
      text: 'Hello {{ recipient.name }},\n\nThe {{ event.channel }} endpoint {{ event.name }} was disabled on {{ formatted.at }}: {{ event.reason }}.\nNothing is sent to it until it is enabled again.\n\nFix the receiver, then enable the endpoint: {{ ticket.link }}\n',
      html: '<p>Hello {{ recipient.name }},</p><p>The {{ event.channel }} endpoint <b>{{ event.name }}</b> was disabled on {{ formatted.at }}: {{ event.reason }}.</p><p>Nothing is sent to it until it is enabled again. Fix the receiver, then <a href="{{ ticket.link }}">enable the endpoint</a>.</p>',
    },
    {
      locale: 'de',
      subject: '[Endpunkt deaktiviert] {{ event.name }} ({{ event.channel }})',
      text: 'Hallo {{ recipient.name }},\n\nDer {{ event.channel }}-Endpunkt {{ event.name }} wurde am {{ formatted.at }} deaktiviert: {{ event.reason }}.\nEr erhält nichts mehr, bis er wieder aktiviert wird.\n\nEmpfänger reparieren, dann den Endpunkt aktivieren: {{ ticket.link }}\n',
      html: '<p>Hallo {{ recipient.name }},</p><p>Der {{ event.channel }}-Endpunkt <b>{{ event.name }}</b> wurde am {{ formatted.at }} deaktiviert: {{ event.reason }}.</p><p>Er erhält nichts mehr, bis er wieder aktiviert wird. Empfänger reparieren, dann <a href="{{ ticket.link }}">den Endpunkt aktivieren</a>.</p>',
    },
  ],
};

export const BUILT_IN_TEMPLATES: readonly NotificationTemplate[] = [EVENT, DIGEST, ON_CALL_PAGE, ESCALATION, ENDPOINT_DISABLED];

export function builtInTemplate(id: string): NotificationTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id);
}
