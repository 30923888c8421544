import { directoryTopic, notificationTopic } from '@itsm/contracts';
import { DLQ_HEADERS } from '@itsm/platform/messaging';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { DirectoryFeed, expectEventually, NotificationFeed, testPeers } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { AssignmentGroups } from '../application/ports/reference-data.port';
import { DEFAULT_MAJOR_INCIDENT_RULES } from '../domain';
import { incidentContext } from '../incident.context';

/** Replies to notification mails (itsm.notification.v1 reply-received) becoming comments on incidents, once each. */
describe('notification replies to incidents', () => {
  const directory = new DirectoryFeed();
  const notification = new NotificationFeed();
  let context: SpecContext;
  let incidentId: string;

  const reply = (replyId: string, personId: string, body: string, ticketId = incidentId) => notification.replyReceived({ ticketTopic: 'itsm.incident.v1', ticketId, replyId, personId, body });
  const notesAdded = () => context.published.filter((event) => event.type === 'itsm.incident.note-added.v1' && event.subject === incidentId);

  beforeAll(async () => {
    context = await bootContextForSpec(incidentContext, {
      mongoUrl: testPeers().mongoUrl,
      settings: { autoCloseDays: 7, autoCloseIntervalMs: 3_600_000, majorIncidentRules: DEFAULT_MAJOR_INCIDENT_RULES },
      probeTopics: ['itsm.incident.v1'],
    });
    await context.bus.publishEnvelopes(directoryTopic.name, [
      directory.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      directory.person({ personId: 'p-caller', userName: 'U-Caller', organisationId: 'contoso' }),
      directory.person({ personId: 'p-agent', userName: 'u-agent', organisationId: 'contoso' }),
      directory.person({ personId: 'p-outsider', userName: 'u-outsider', organisationId: 'contoso' }),
      directory.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
      directory.membersAdded('service-desk', ['p-agent']),
    ]);
    await expectEventually(async () => expect((await context.app.get(AssignmentGroups).group('service-desk'))?.members).toEqual(['u-agent']));
    const caller = await context.token('u-caller', ['requester']);
    const opened = await context.graphql(caller, 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { id } }', { input: { title: 'Printer on fire', impact: 3, urgency: 3 } });
    incidentId = String(opened.data?.['openIncident']?.['id']);
  });
  afterAll(() => context.close());

  it('adds a reply as the caller\'s comment once, however often it is delivered', async () => {
    const first = reply('r-caller-1', 'p-caller', 'It smells of toner now.');
    await context.bus.publishEnvelopes(notificationTopic.name, [first, first, { ...first, id: randomUUID() }]);
    await context.bus.publishEnvelopes(notificationTopic.name, [reply('r-agent-1', 'p-agent', 'Technician on the way.')]);
    await expectEventually(() => expect(notesAdded().map((event) => [event.data, event.causationid])).toEqual([
      [expect.objectContaining({ noteId: 'r-caller-1', kind: 'comment', body: 'It smells of toner now.', by: 'u-caller' }), first.id],
      [expect.objectContaining({ noteId: 'r-agent-1', kind: 'comment', body: 'Technician on the way.', by: 'u-agent' }), expect.any(String)],
    ]));
  });

  it('dead-letters a person who may not see the incident, an unknown person and an unknown incident, all INCIDENT.NOT_FOUND (as catalogue replies), then goes on', async () => {
    await context.bus.publishEnvelopes(notificationTopic.name, [reply('r-outsider', 'p-outsider', 'Not mine.'), reply('r-unknown', 'p-gone', 'Who am I?'), reply('r-lost', 'p-caller', 'Lost.', '0123456789abcdef01234567')]);
    await context.bus.publishEnvelopes(notificationTopic.name, [reply('r-caller-2', 'p-caller', 'Thanks!')]);
    await expectEventually(() => expect(notesAdded().map((event) => (event.data as { noteId: string }).noteId)).toEqual(['r-caller-1', 'r-agent-1', 'r-caller-2']));
    const deadLetterCodes = () => context.bus.records(`${notificationTopic.name}.dlq`).map((record) => String(record.headers[DLQ_HEADERS.reason]).replace(/^MessagingError: /, '').split(':')[0]);
    await expectEventually(() => expect(deadLetterCodes()).toEqual(['INCIDENT.NOT_FOUND', 'INCIDENT.NOT_FOUND', 'INCIDENT.NOT_FOUND']));
  });
});
