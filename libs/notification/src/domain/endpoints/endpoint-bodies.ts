import type { Notice, RenderedMessage, TicketRef } from '../notice';

/** The webhook payload (Standard Webhooks' `{type, timestamp, data}`): the notice's facts and its rendered text. */
export interface WebhookPayload {
  readonly type: 'itsm.notification';
  readonly timestamp: string;
  readonly data: {
    readonly deliveryId: string;
    readonly key: string;
    readonly category: string;
    readonly urgent: boolean;
    readonly subject: string;
    readonly text: string;
    readonly ticket: TicketRef | null;
    readonly items: readonly { readonly eventId: string; readonly eventType: string; readonly topic: string; readonly time: string; readonly ticket: TicketRef }[];
  };
}

/**
 * The body a webhook gets, serialised once (it is signed as sent). `timestamp` is the latest item's
 * event time (stable across attempts), or `at` for a notice without items (a test ping).
 */
export function webhookBody(deliveryId: string, notice: Notice, message: RenderedMessage, at: number): string {
  const times = notice.items.map((i) => i.event.time).sort();
  const payload: WebhookPayload = {
    type: 'itsm.notification',
    timestamp: times.at(-1) ?? new Date(at).toISOString(),
    data: {
      deliveryId,
      key: notice.key,
      category: notice.category,
      urgent: notice.urgent,
      subject: message.subject,
      text: message.text,
      ticket: notice.items[0]?.ticket ?? null,
      items: notice.items.map((i) => ({ eventId: i.event.id, eventType: i.event.type, topic: i.event.topic, time: i.event.time, ticket: i.ticket })),
    },
  };
  return JSON.stringify(payload);
}

/** Slack mrkdwn: `&`, `<` and `>` are control characters and must be escaped in any text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SLACK_SECTION_MAX = 3000;

/** A Slack incoming-webhook body: `text` (the notification's fallback) and a mrkdwn section linking the ticket. */
export function slackBody(notice: Notice, message: RenderedMessage): string {
  const link = notice.items[0]?.ticket.link ?? null;
  const title = slackEscape(message.subject).replace(/\|/g, '¦');
  const heading = link === null ? `*${title}*` : `*<${slackEscape(link)}|${title}>*`;
  const section = `${heading}\n${slackEscape(message.text)}`.slice(0, SLACK_SECTION_MAX);
  return JSON.stringify({ text: `${message.subject}\n${message.text}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: section } }] });
}

/** A Teams Workflows body: a message with an Adaptive Card 1.4 attachment (built as objects, never as JSON text). */
export function teamsBody(notice: Notice, message: RenderedMessage): string {
  const link = notice.items[0]?.ticket.link ?? null;
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: message.subject, weight: 'bolder', size: 'medium', wrap: true },
      { type: 'TextBlock', text: message.text, wrap: true },
    ],
    actions: link === null ? [] : [{ type: 'Action.OpenUrl', title: 'Open', url: link }],
    msteams: { width: 'Full' },
  };
  return JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] });
}
