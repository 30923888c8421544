import type { Notice, RenderedMessage } from '../notice';
import { slackBody, teamsBody, webhookBody } from './endpoint-bodies';

const ticket = { topic: 'itsm.incident.v1', id: 'i-1', number: 'INC0001234', title: 'Mail down', link: 'https://portal.example.com/incidents/i-1?a=1&b=2', rootId: 'i-1' };
const event = { id: 'e-1', topic: 'itsm.incident.v1', type: 'incident.assigned', source: '/incident', subject: 'i-1', sequence: 3, time: '2030-01-01T10:00:00.000Z', data: {}, actorId: null, causationId: null, correlationId: null };
const notice: Notice = { key: 'e-1', recipient: { kind: 'endpoint', endpointId: 'ops' }, channel: 'slack', category: 'assignment', urgent: false, templateId: 't', items: [{ ruleId: 'r', templateId: 't', event, ticket }] };
const message: RenderedMessage = { locale: 'en', subject: 'INC0001234 <assigned> | A&B', text: 'Priority 1 & <b>urgent</b>', html: null };

describe('endpoint bodies', () => {
  it('escapes &, < and > in Slack mrkdwn and links the ticket; the fallback text stays plain', () => {
    const body = JSON.parse(slackBody(notice, message)) as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
    expect(body.text).toBe('INC0001234 <assigned> | A&B\nPriority 1 & <b>urgent</b>');
    expect(body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*<https://portal.example.com/incidents/i-1?a=1&amp;b=2|INC0001234 &lt;assigned&gt; ¦ A&amp;B>*\nPriority 1 &amp; &lt;b&gt;urgent&lt;/b&gt;' } },
    ]);
  });

  it('builds a Teams message with an Adaptive Card 1.4 attachment', () => {
    const body = JSON.parse(teamsBody(notice, message)) as { type: string; attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[] };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: message.subject, weight: 'bolder' }, { type: 'TextBlock', text: message.text, wrap: true }], actions: [{ type: 'Action.OpenUrl', url: ticket.link }] },
    });
  });

  it('writes the webhook payload from the notice, stable across attempts', () => {
    const body = webhookBody('d1', notice, message, 0);
    expect(webhookBody('d1', notice, message, 99)).toBe(body);
    expect(JSON.parse(body)).toEqual({
      type: 'itsm.notification',
      timestamp: event.time,
      data: { deliveryId: 'd1', key: 'e-1', category: 'assignment', urgent: false, subject: message.subject, text: message.text, ticket, items: [{ eventId: 'e-1', eventType: 'incident.assigned', topic: 'itsm.incident.v1', time: event.time, ticket }] },
    });
    expect(JSON.parse(webhookBody('d2', { ...notice, items: [] }, message, Date.UTC(2030, 0, 2))).timestamp).toBe('2030-01-02T00:00:00.000Z');
  });
});
