import { notificationTopic, TopicRegistry } from '@itsm/contracts';
import { NotificationErrorCode } from '../notification.errors';
import type { TicketRef } from '../notice';
import { acknowledgeEscalation, afterLevelDue, eventCount, levelPassed, startEscalation } from './escalation';
import type { Decided, Escalation } from './escalation';
import { validateEscalationPolicy } from './escalation-policy';
import type { EscalationPolicy } from './escalation-policy';

const T0 = Date.UTC(2031, 5, 1, 12);
const MIN = 60_000;
const registry = new TopicRegistry([notificationTopic]);
const ticket: TicketRef = { topic: 'itsm.incident.v1', id: 'inc-1', number: 'INC0000001', title: 'Core switch down', link: 'https://portal/incidents/inc-1', rootId: 'inc-1' };
const policy: EscalationPolicy = {
  id: 'p1-network',
  name: 'P1 network',
  levels: [
    { targets: [{ kind: 'on_call', groupId: null }], delayMinutes: 10, channels: ['email', 'in_app'] },
    { targets: [{ kind: 'group_manager', groupId: null }], delayMinutes: 15, channels: ['email'] },
  ],
};

/** Every decided event is a valid itsm.notification.v1 payload. */
function checked(decided: Decided): Decided {
  for (const e of decided.events) registry.validatePayload(notificationTopic.name, e.type, e.data);
  return decided;
}

function started(): Escalation {
  return checked(startEscalation({ id: 'esc1', policy, ticket, groupId: 'g-network', personIds: ['ann', 'ann', 'dan'], by: 'rule-1', now: T0 })).aggregate;
}

describe('escalation', () => {
  it('starts at level 1 with the paged people (once each) and the instant level 2 falls due', () => {
    const decided = checked(startEscalation({ id: 'esc1', policy, ticket, groupId: 'g-network', personIds: ['ann', 'ann', 'dan'], by: 'rule-1', now: T0 }));
    expect(decided.aggregate).toMatchObject({ state: 'paging', level: 1, paged: [{ level: 1, personIds: ['ann', 'dan'], pagedAt: T0, nextLevelAt: T0 + 10 * MIN }] });
    expect(decided.events).toEqual([
      expect.objectContaining({ type: 'itsm.notification.escalation-started.v1', data: expect.objectContaining({ level: 1, pagedPersonIds: ['ann', 'dan'], nextLevelAt: new Date(T0 + 10 * MIN).toISOString(), ticketNumber: 'INC0000001' }) }),
    ]);
  });

  it('pages level 2 when level 1 passes unacknowledged, then exhausts after the last level', () => {
    const second = checked(levelPassed(started(), 1, ['max'], T0 + 10 * MIN));
    expect(second.aggregate).toMatchObject({ state: 'paging', level: 2 });
    expect(second.aggregate.paged[1]).toEqual({ level: 2, personIds: ['max'], pagedAt: T0 + 10 * MIN, nextLevelAt: T0 + 25 * MIN });
    expect(second.events.map((e) => [e.type, e.data.level])).toEqual([['itsm.notification.escalated.v1', 2]]);
    expect(afterLevelDue(second.aggregate, 2)).toEqual({ kind: 'exhaust' });
    const last = checked(levelPassed(second.aggregate, 2, [], T0 + 25 * MIN));
    expect(last.aggregate.state).toBe('exhausted');
    expect(last.events.map((e) => e.type)).toEqual(['itsm.notification.escalation-exhausted.v1']);
    expect(eventCount(last.aggregate)).toBe(3);
  });

  it('does nothing for a level that is no longer the current one (a repeated or late due event)', () => {
    const second = levelPassed(started(), 1, ['max'], T0 + 10 * MIN).aggregate;
    expect(afterLevelDue(second, 1)).toEqual({ kind: 'nothing' });
    expect(levelPassed(second, 1, ['max'], T0 + 11 * MIN)).toEqual({ aggregate: second, events: [] });
  });

  it('stops at once when a paged person acknowledges: a later due event pages nobody', () => {
    const acked = checked(acknowledgeEscalation(started(), 'dan', false, T0 + 3 * MIN));
    expect(acked.aggregate).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'dan', acknowledgedAt: T0 + 3 * MIN });
    expect(acked.events.map((e) => [e.type, e.data.level])).toEqual([['itsm.notification.escalation-acknowledged.v1', 1]]);
    expect(levelPassed(acked.aggregate, 1, ['max'], T0 + 10 * MIN).events).toEqual([]);
    // A link clicked twice changes nothing.
    expect(acknowledgeEscalation(acked.aggregate, 'ann', false, T0 + 4 * MIN).events).toEqual([]);
  });

  it('lets an admin acknowledge, and refuses someone it did not page', () => {
    expect(() => acknowledgeEscalation(started(), 'max', false, T0)).toThrow(expect.objectContaining({ code: NotificationErrorCode.Forbidden }));
    expect(acknowledgeEscalation(started(), 'admin-1', true, T0).aggregate.state).toBe('acknowledged');
  });

  it('can still be acknowledged once exhausted', () => {
    const one = { ...policy, levels: [policy.levels[0]!] };
    const e = startEscalation({ id: 'esc2', policy: one, ticket, groupId: null, personIds: ['ann'], by: 'rule-1', now: T0 }).aggregate;
    const exhausted = levelPassed(e, 1, [], T0 + 10 * MIN).aggregate;
    expect(exhausted.state).toBe('exhausted');
    const acked = acknowledgeEscalation(exhausted, 'ann', false, T0 + 20 * MIN).aggregate;
    expect(acked).toMatchObject({ state: 'acknowledged', exhaustedAt: T0 + 10 * MIN, acknowledgedAt: T0 + 20 * MIN });
    expect(eventCount(acked)).toBe(3);
  });
});

describe('escalation policy', () => {
  it.each([
    ['levels', { levels: [] }],
    ['levels.0.targets', { levels: [{ ...policy.levels[0]!, targets: [] }] }],
    ['levels.0.targets.0', { levels: [{ ...policy.levels[0]!, targets: [{ kind: 'person', personId: '' }] }] }],
    ['levels.0.delayMinutes', { levels: [{ ...policy.levels[0]!, delayMinutes: 0 }] }],
    ['levels.0.channels', { levels: [{ ...policy.levels[0]!, channels: ['webhook'] }] }],
    ['levels.0.channels', { levels: [{ ...policy.levels[0]!, channels: [] }] }],
    ['name', { name: '' }],
  ] as const)('refuses a policy with a bad %s', (field, change) => {
    expect(() => validateEscalationPolicy({ ...policy, ...change } as EscalationPolicy)).toThrow(expect.objectContaining({ code: NotificationErrorCode.InvalidSchedule, details: expect.objectContaining({ field }) }));
  });

  it('refuses more levels than the events can number', () => {
    expect(() => validateEscalationPolicy({ ...policy, levels: Array.from({ length: 11 }, () => policy.levels[0]!) })).toThrow(expect.objectContaining({ code: NotificationErrorCode.InvalidSchedule }));
  });
});
