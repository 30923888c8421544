import { expectEventually, IncidentFeed } from '@itsm/testing';
import { NotifiableEventStore } from '../application/ports/notifiable-event-store.port';
import { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import type { NotificationRule } from '../domain';
import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';
import { RecordingIntake, rulesSpecDoubles } from '../test-fixtures/rules-spec-doubles';

const RULE: NotificationRule = {
  id: 'r-assigned',
  name: 'Assigned to a group',
  enabled: true,
  trigger: { eventType: 'itsm.incident.assigned.v1', conditions: [{ field: 'ticket.priority', operator: 'lte', value: 2 }] },
  recipients: [{ kind: 'assignment_group' }, { kind: 'group_manager' }],
  channels: ['email', 'in_app'],
  endpoints: [{ endpointId: 'ops-hook', channel: 'webhook' }],
  category: 'assignment',
  urgent: false,
  templateId: 'incident-assigned',
};

/**
 * The consumer on the real bus and MongoDB: DeliveryIntake, OnCallRoster, KnownTemplates and
 * KnownEndpoints are other parts' and bound over them with `rulesSpecDoubles` (the fixture's `overrides`).
 */
describe('notifiable events -> notices (rules part)', () => {
  const intake = new RecordingIntake();
  let booted: BootedNotificationContext;

  beforeAll(async () => {
    booted = await bootNotificationContext({ providers: rulesSpecDoubles(intake, { templates: ['incident-assigned'], endpoints: ['ops-hook'] }) });
    const rules = booted.app.get(NotificationRuleStore);
    await rules.put(RULE);
    await rules.put({ ...RULE, id: 'r-off', enabled: false });
    expect((await rules.list({ eventType: null, enabled: null }, 10, 'r-assigned')).map((r) => r.id)).toEqual(['r-off']);
    expect((await rules.enabledFor('itsm.incident.assigned.v1')).map((r) => r.id)).toEqual(['r-assigned']);
  });
  afterAll(() => booted.close());

  it("turns an incident assigned to g-network into one notice per member and channel, the actor (n-bob) dropped, and the same notices for a redelivery", async () => {
    const feed = new IncidentFeed('/itsm/incident', 'n-bob');
    const opened = feed.opened('inc-r1', 2);
    const assigned = feed.assigned('inc-r1', 'g-network');
    await booted.bus.publish('itsm.incident.v1', [opened, assigned]);
    const summary = () => intake.accepted.map((n) => `${n.key === assigned.id ? 'assigned' : n.key} ${n.recipient.kind === 'person' ? n.recipient.personId : n.recipient.kind} ${n.channel}`).sort();
    const expected = ['assigned endpoint webhook', 'assigned n-alice email', 'assigned n-alice in_app', 'assigned n-carol email', 'assigned n-carol in_app', 'assigned n-manager email', 'assigned n-manager in_app'];
    await expectEventually(() => expect(summary()).toEqual(expected));
    const first = intake.accepted[0];
    expect(first?.items[0]?.ticket).toEqual({ topic: 'itsm.incident.v1', id: 'inc-r1', number: opened.data.number, title: 'incident inc-r1', link: 'https://portal.itsm.test/incident/inc-r1', rootId: 'inc-r1' });
    expect((await booted.app.get(NotifiableEventStore).facts('itsm.incident.v1', 'inc-r1'))?.fields).toMatchObject({ priority: 2, groupId: 'g-network', state: 'new' });

    // The same event again: the same keys, recipients and channels (delivery keeps one of each).
    await booted.bus.publish('itsm.incident.v1', [assigned]);
    await expectEventually(() => expect(summary()).toEqual([...expected, ...expected].sort()));
  });

  it('notifies nobody when the conditions do not hold (priority 4)', async () => {
    const feed = new IncidentFeed('/itsm/incident', 'n-bob');
    const opened = feed.opened('inc-r2', 4);
    const assigned = feed.assigned('inc-r2', 'g-network');
    const before = intake.accepted.length;
    await booted.bus.publish('itsm.incident.v1', [opened, assigned]);
    await expectEventually(async () => expect(await booted.app.get(NotifiableEventStore).recorded(assigned.id)).not.toBeNull());
    expect(intake.accepted.length).toBe(before);
  });
});
