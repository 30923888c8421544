import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';

const SAVE_SCHEDULE = `mutation($input: OnCallScheduleInput!) { saveOnCallSchedule(input: $input) { id groupId zone rotations { handoffMinute startDate lengthDays members } overrides { from to personId reason } } }`;
const SAVE_POLICY = `mutation($input: EscalationPolicyInput!) { saveEscalationPolicy(input: $input) { id name levels { targets { kind personId groupId } delayMinutes channels } } }`;
const WHO = `query($groupId: ID!, $at: DateTime) { whoIsOnCall(groupId: $groupId, at: $at) { groupId at personIds } }`;

/** g-network: Alice and Bob take weekly turns handed off Mondays 09:00 Zurich from 5 Jan 2026; Carol covers one afternoon. */
const schedule = (over: Record<string, unknown> = {}) => ({
  id: 'network-rota',
  groupId: 'g-network',
  zone: 'Europe/Zurich',
  rotations: [{ handoffMinute: 540, startDate: '2026-01-05', lengthDays: 7, members: ['n-alice', 'n-bob'] }],
  overrides: [{ from: '2026-01-06T12:00:00.000Z', to: '2026-01-06T18:00:00.000Z', personId: 'n-carol', reason: 'Alice at the dentist' }],
  ...over,
});
const policy = (over: Record<string, unknown> = {}) => ({
  id: 'p1-network',
  name: 'P1 network',
  levels: [
    { targets: [{ kind: 'on_call' }], delayMinutes: 10, channels: ['in_app'] },
    { targets: [{ kind: 'group_manager', groupId: 'g-network' }, { kind: 'person', personId: 'n-carol' }], delayMinutes: 15, channels: ['email', 'in_app'] },
  ],
  ...over,
});

/** On-call schedules and escalation policies through GraphQL: validation codes, directory checks, access. */
describe('on-call schedules and escalation policies through GraphQL', () => {
  let booted: BootedNotificationContext;

  beforeAll(async () => {
    booted = await bootNotificationContext();
  });
  afterAll(() => booted.close());

  const failure = async (who: string, query: string, variables: Record<string, unknown>) => {
    const error = (await booted.as(who, query, variables)).errors?.[0]?.extensions;
    return { code: error?.['code'], details: error?.['details'] };
  };

  it('refuses invalid schedules and unknown people or groups with a code, saving nothing; only admins save', async () => {
    expect(await failure('n-admin', SAVE_SCHEDULE, { input: schedule({ zone: 'Mars/Olympus' }) })).toEqual({ code: 'NOTIFICATION.INVALID_SCHEDULE', details: { field: 'zone', scheduleId: 'network-rota' } });
    const unknown = schedule({ groupId: 'g-nowhere', rotations: [{ handoffMinute: 540, startDate: '2026-01-05', lengthDays: 7, members: ['n-alice', 'n-nobody'] }] });
    expect(await failure('n-admin', SAVE_SCHEDULE, { input: unknown })).toEqual({ code: 'NOTIFICATION.UNKNOWN_RECIPIENT', details: { personIds: 'n-nobody', groupIds: 'g-nowhere' } });
    expect((await failure('n-alice', SAVE_SCHEDULE, { input: schedule() })).code).toBe('FORBIDDEN');
    expect(await booted.ok('n-admin', `{ onCallSchedules { edges { node { id } } pageInfo { hasNextPage } } }`)).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it('saves a schedule, pages through schedules, and tells any agent who is on call at an instant (overrides on top)', async () => {
    expect(await booted.ok('n-admin', SAVE_SCHEDULE, { input: schedule() })).toEqual(schedule());
    await booted.ok('n-admin', SAVE_SCHEDULE, { input: schedule({ id: 'oncall-rota', groupId: 'g-network-oncall', rotations: [{ handoffMinute: 0, startDate: '2020-01-01', lengthDays: 1, members: ['n-dave'] }], overrides: [] }) });
    const first = await booted.ok<{ edges: { node: { groupId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>('n-admin', `{ onCallSchedules(first: 1) { edges { node { groupId } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.edges.map((e) => e.node.groupId)).toEqual(['g-network']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await booted.ok<{ edges: { node: { groupId: string } }[] }>('n-admin', `query($after: String) { onCallSchedules(first: 5, after: $after) { edges { node { groupId } } } }`, { after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.groupId)).toEqual(['g-network-oncall']);
    const who = (at: string) => booted.ok<{ personIds: string[] }>('n-bob', WHO, { groupId: 'g-network', at });
    expect((await who('2026-01-06T08:00:00.000Z')).personIds).toEqual(['n-alice']);
    expect((await who('2026-01-06T13:00:00.000Z')).personIds).toEqual(['n-carol']);
    expect((await who('2026-01-12T09:00:00.000Z')).personIds).toEqual(['n-bob']);
    expect((await who('2026-01-05T07:59:00.000Z')).personIds).toEqual([]);
    expect((await booted.ok<{ personIds: string[] }>('n-bob', WHO, { groupId: 'g-fabrikam' })).personIds).toEqual([]);
    expect((await failure('n-supplier', WHO, { groupId: 'g-network' })).code).toBe('FORBIDDEN');
    expect((await failure('n-admin', `{ onCallSchedules(after: "bogus") { edges { cursor } } }`, {})).code).toBe('NOTIFICATION.INVALID_INPUT');
  });

  it('saves escalation policies whose targets the directory knows, refusing the others with a code', async () => {
    const withUnknown = policy({ levels: [{ targets: [{ kind: 'person', personId: 'n-ghost' }, { kind: 'group_members', groupId: 'g-ghosts' }], delayMinutes: 5, channels: ['email'] }] });
    expect(await failure('n-admin', SAVE_POLICY, { input: withUnknown })).toEqual({ code: 'NOTIFICATION.UNKNOWN_RECIPIENT', details: { personIds: 'n-ghost', groupIds: 'g-ghosts' } });
    expect(await failure('n-admin', SAVE_POLICY, { input: policy({ levels: [] }) })).toEqual({ code: 'NOTIFICATION.INVALID_SCHEDULE', details: { field: 'levels', policyId: 'p1-network' } });
    expect(await failure('n-admin', SAVE_POLICY, { input: policy({ levels: [{ targets: [{ kind: 'person' }], delayMinutes: 5, channels: ['email'] }] }) })).toEqual({ code: 'NOTIFICATION.INVALID_SCHEDULE', details: { field: 'levels.0.targets.0', policyId: 'p1-network' } });
    expect((await failure('n-bob', SAVE_POLICY, { input: policy() })).code).toBe('FORBIDDEN');
    const saved = await booted.ok<{ levels: { targets: unknown[] }[] }>('n-admin', SAVE_POLICY, { input: policy() });
    expect(saved.levels[1]?.targets).toEqual([{ kind: 'group_manager', personId: null, groupId: 'g-network' }, { kind: 'person', personId: 'n-carol', groupId: null }]);
    expect(await booted.ok('n-admin', `{ escalationPolicies { edges { node { id name } } pageInfo { hasNextPage } } }`)).toEqual({ edges: [{ node: { id: 'p1-network', name: 'P1 network' } }], pageInfo: { hasNextPage: false } });
    expect((await failure('n-bob', `{ escalationPolicies { edges { node { id } } } }`, {})).code).toBe('FORBIDDEN');
  });
});
