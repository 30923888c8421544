import { SystemClock } from '@itsm/platform/config';
import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import type { NotificationRule, SourceEvent } from '../domain';
import { SPEC_NOTIFICATION_SETTINGS } from '../test-fixtures/spec-notification-settings';
import { PersonRefs } from './person-refs';
import { NoticeEvaluation } from './notice-evaluation';
import { OnCallRoster } from './ports/on-call-roster.port';

class NobodyOnCall extends OnCallRoster {
  onCall(): Promise<readonly string[]> {
    return Promise.resolve([]);
  }
}

const rule: NotificationRule = {
  id: 'r-assignee',
  name: 'Reprioritised: the assignee',
  enabled: true,
  trigger: { eventType: 'itsm.incident.reprioritised.v1', conditions: [] },
  recipients: [{ kind: 'assignee' }],
  channels: ['email'],
  endpoints: [],
  category: 'update',
  urgent: false,
  templateId: 'builtin.event',
};

describe('NoticeEvaluation', () => {
  it('finds a person the ticket names by user name (the incident records token subjects): one recipient, by directory id', async () => {
    const feed = new DirectoryFeed();
    const directory = await new InMemoryDirectoryProjection().feed(feed.person({ personId: 'p-nine', userName: 'u-nine', emails: [{ value: 'nine@contoso.example', type: 'work', primary: true }] }));
    const evaluation = new NoticeEvaluation(directory, new PersonRefs(directory), new NobodyOnCall(), new SystemClock(), SPEC_NOTIFICATION_SETTINGS);
    const event: SourceEvent = { id: 'e-1', topic: 'itsm.incident.v1', type: 'itsm.incident.reprioritised.v1', source: '/itsm/incident', subject: 'inc-1', sequence: 3, time: '2031-01-01T00:00:00Z', data: { by: 'u-other' }, actorId: 'u-other', causationId: null, correlationId: null };
    const plan = await evaluation.plan({ event, before: null, after: { topic: 'itsm.incident.v1', subject: 'inc-1', sequence: 3, fields: { assigneeId: 'U-Nine' } } }, [rule]);
    expect(plan.notices.map((n) => (n.recipient.kind === 'person' ? `${n.recipient.personId} ${n.recipient.email ?? ''}` : n.recipient.kind))).toEqual(['p-nine nine@contoso.example']);
  });
});
