import { IncidentFeed, expectEventually } from '@itsm/testing';
import { EscalationAckLinks } from '../application/escalation-ack-links';
import { levelDueEnvelope } from '../application/escalation-timers/escalation-level-due';
import { PassEscalationLevelHandler } from '../application/commands/pass-escalation-level/pass-escalation-level.handler';
import { EscalationStore } from '../application/ports/escalation-store.port';
import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';

const SAVE_RULE = `mutation($input: NotificationRuleInput!) { saveNotificationRule(input: $input) { id escalationPolicyId recipients { kind } } }`;
const ESCALATIONS = `query($ticketId: ID!) { escalations(ticketId: $ticketId) { id state level paged { level personIds } acknowledgedBy } }`;
const ACK = `mutation($id: ID!) { acknowledgeEscalation(id: $id) { state acknowledgedBy } }`;
const INBOX = `{ myNotifications { edges { node { category urgent text } } } }`;

interface EscalationView {
  readonly id: string;
  readonly state: string;
  readonly level: number;
  readonly paged: { level: number; personIds: string[] }[];
  readonly acknowledgedBy: string | null;
}

const rule = (over: Record<string, unknown> = {}) => ({
  name: 'P1 pages the on-call of its group',
  eventType: 'itsm.incident.opened.v1',
  conditions: [{ field: 'event.priority', operator: 'eq', valueJson: '1' }],
  recipients: [],
  channels: [],
  endpoints: [],
  category: 'on_call',
  urgent: true,
  templateId: 'builtin.event',
  escalationPolicyId: 'p1-network',
  ...over,
});

/** A rule's escalation action on a P1 incident, the page's signed acknowledgement link (real delivery: the in-app inbox). */
describe('escalations started by rules and acknowledged by link', () => {
  let booted: BootedNotificationContext;

  beforeAll(async () => {
    booted = await bootNotificationContext();
    // Dave is always on call for g-network-oncall; the policy pages the group's on-call, then its manager.
    await booted.ok('n-admin', `mutation($input: OnCallScheduleInput!) { saveOnCallSchedule(input: $input) { id } }`, {
      input: { id: 'oncall-rota', groupId: 'g-network-oncall', zone: 'UTC', rotations: [{ handoffMinute: 0, startDate: '2020-01-01', lengthDays: 1, members: ['n-dave'] }], overrides: [] },
    });
    await booted.ok('n-admin', `mutation($input: EscalationPolicyInput!) { saveEscalationPolicy(input: $input) { id } }`, {
      input: { id: 'p1-network', name: 'P1 network', levels: [{ targets: [{ kind: 'on_call' }], delayMinutes: 10, channels: ['in_app'] }, { targets: [{ kind: 'group_manager' }], delayMinutes: 15, channels: ['in_app'] }] },
    });
  });
  afterAll(() => booted.close());

  const escalationsOf = (ticketId: string) => booted.ok<EscalationView[]>('n-bob', ESCALATIONS, { ticketId });

  it('refuses a rule naming an unknown policy; a rule with only an escalation is valid', async () => {
    const refused = (await booted.as('n-admin', SAVE_RULE, { input: rule({ escalationPolicyId: 'no-such-policy' }) })).errors?.[0]?.extensions;
    expect({ code: refused?.['code'], details: refused?.['details'] }).toEqual({ code: 'NOTIFICATION.UNKNOWN_RECIPIENT', details: { escalationPolicyId: 'no-such-policy' } });
    expect(await booted.ok('n-admin', SAVE_RULE, { input: rule() })).toMatchObject({ escalationPolicyId: 'p1-network', recipients: [] });
  });

  it('starts the escalation on a P1 (once per event), pages the on-call person with a link that acknowledges as them, and pages no next level', async () => {
    const feed = new IncidentFeed('/itsm/incident', 'n-caller');
    const opened = feed.opened('inc-p1', 1);
    const p1 = { ...opened, data: { ...opened.data, assignmentGroupId: 'g-network-oncall' } };
    await booted.bus.publish('itsm.incident.v1', [p1, feed.opened('inc-p3', 3)]);
    await booted.bus.publish('itsm.incident.v1', [p1]); // redelivered: the same escalation
    await expectEventually(async () => expect(await escalationsOf('inc-p1')).toMatchObject([{ state: 'paging', level: 1, paged: [{ level: 1, personIds: ['n-dave'] }] }]));
    const [escalation] = await escalationsOf('inc-p1');
    const id = (escalation as EscalationView).id;
    expect(await escalationsOf('inc-p3')).toEqual([]);

    // The page in Dave's inbox carries his signed link.
    let link = '';
    await expectEventually(async () => {
      const inbox = await booted.ok<{ edges: { node: { category: string; urgent: boolean; text: string } }[] }>('n-dave', INBOX);
      const page = inbox.edges.find((e) => e.node.category === 'on_call');
      link = /https?:\/\/\S+\/notification\/v1\/ack\/\S+/.exec(page?.node.text ?? '')?.[0] ?? '';
      expect(link).not.toBe('');
    });
    const token = link.slice(link.lastIndexOf('/') + 1);

    // Someone it did not page may not acknowledge; a forged link is 403 and acknowledges nothing (GET or POST).
    const ackUrl = `${booted.baseUrl}/notification/v1/ack/${token}`;
    expect((await booted.as('n-carol', ACK, { id })).errors?.[0]?.extensions?.['code']).toBe('NOTIFICATION.FORBIDDEN');
    const forgedUrl = `${booted.baseUrl}/notification/v1/ack/${token.replace(/\.[0-9a-f]+$/, '.00000000000000000000')}`;
    for (const method of ['GET', 'POST']) {
      const forged = await fetch(forgedUrl, { method });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('NOTIFICATION.INVALID_SIGNATURE');
    }
    // A validly signed link of an escalation no longer kept: it has expired (404), nothing acknowledged.
    const expired = await fetch(`${booted.baseUrl}${new URL(booted.app.get(EscalationAckLinks).link({ escalationId: 'ffffffffffffffffffffffff', level: 1, index: 0 }) ?? '').pathname}`, { method: 'POST' });
    expect([expired.status, await expired.text()]).toEqual([404, expect.stringContaining('has expired')]);

    // A mail scanner fetching the link (GET, HEAD) acknowledges nothing: the page names who, which ticket and level, and POSTs to itself.
    const shown = await fetch(ackUrl);
    const page = await shown.text();
    expect([shown.status, shown.headers.get('content-type'), shown.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-store']);
    expect(page).toContain('n-dave was paged (level 1) for ');
    expect(page).toContain('<form method="post"><button type="submit">Acknowledge</button></form>');
    expect((await fetch(ackUrl, { method: 'HEAD' })).status).toBe(200);
    expect((await escalationsOf('inc-p1'))[0]?.state).toBe('paging');

    const clicked = await fetch(ackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(clicked.status).toBe(200);
    expect(clicked.headers.get('content-type')).toContain('text/html');
    expect(await clicked.text()).toMatch(/is acknowledged by n-dave \(n-dave\) at \d{4}-/);
    expect((await escalationsOf('inc-p1'))[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'n-dave' });
    // Again (POST or GET): it says so, without a button, and changes nothing.
    expect((await fetch(ackUrl, { method: 'POST' })).status).toBe(200);
    const again = await (await fetch(ackUrl)).text();
    expect(again).toContain('is acknowledged by n-dave');
    expect(again).not.toContain('<form');
    await expectEventually(() => expect(booted.published.filter((e) => e.subject === id && e.type === 'itsm.notification.escalation-acknowledged.v1')).toHaveLength(1));

    // Level 1's delay passing now (the timer's event, as the consumer hands it over) pages nobody.
    const loaded = await booted.app.get(EscalationStore).load(id);
    const facts = { escalationId: id, policyId: 'p1-network', ticketTopic: 'itsm.incident.v1', ticketId: 'inc-p1', ticketNumber: loaded?.aggregate.ticket.number ?? null, groupId: 'g-network-oncall' };
    const due = levelDueEnvelope(facts, { key: 'level-1', dueAt: Date.now(), level: 1 }, 1, new Date());
    const after = await booted.app.get(PassEscalationLevelHandler).execute({ escalationId: id, level: 1 }, due, Date.now());
    expect(after).toMatchObject({ state: 'acknowledged', level: 1, paged: [{ level: 1, personIds: ['n-dave'] }] });
    expect(booted.published.filter((e) => e.subject === id).map((e) => e.type)).not.toContain('itsm.notification.escalated.v1');
    expect((await booted.ok<{ state: string }>('n-admin', ACK, { id })).state).toBe('acknowledged');
  });
});
