import { DirectoryFeed } from '@itsm/testing';
import { BUILT_IN_RULES } from '../application/built-in-rules';
import { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import { EscalationPolicyStore, OnCallScheduleStore } from '../application/ports/on-call-stores.port';
import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';
import { seedNotificationDemo } from './notification-demo-data';
import { DEMO_ESCALATION_POLICY, DEMO_ON_CALL_SCHEDULE } from './notification-demo-on-call';
import { DEMO_NOTIFICATION_RULES } from './notification-demo-rules';
import { directoryDemoEvents } from './test-fixtures/directory-demo-events';

describe('the notification demo seed on the peers', () => {
  let context: BootedNotificationContext;
  beforeAll(async () => {
    context = await bootNotificationContext({ directory: false });
  });
  afterAll(() => context.close());

  it('fails naming what the directory has not announced', async () => {
    await expect(seedNotificationDemo(context.app, { timeoutMs: 50 })).rejects.toThrow(/notification demo: the projections still miss person u-supplier-agent/);
    expect(await context.app.get(OnCallScheduleStore).byGroup('network-ops')).toBeNull();
    expect(await context.app.get(NotificationRuleStore).byId('demo-p1-opened')).toBeNull();
  });

  it('waits for the directory demo, then saves the rotation, the policy and the rules the P1 rule names; a second seed changes nothing', async () => {
    const seeding = seedNotificationDemo(context.app, { timeoutMs: 20_000 });
    await context.projectDirectory(...directoryDemoEvents(new DirectoryFeed()));
    await seeding;
    const schedules = context.app.get(OnCallScheduleStore);
    const policies = context.app.get(EscalationPolicyStore);
    const rules = context.app.get(NotificationRuleStore);
    expect(await schedules.byGroup('network-ops')).toEqual(DEMO_ON_CALL_SCHEDULE);
    expect(await policies.byId(DEMO_ESCALATION_POLICY.id)).toEqual(DEMO_ESCALATION_POLICY);
    expect((await rules.byId('demo-p1-opened'))?.escalationPolicyId).toBe(DEMO_ESCALATION_POLICY.id);
    const before = { schedules: await schedules.list(10, null), policies: await policies.list(10, null), rules: await rules.list({ eventType: null, enabled: null }, 10, null) };
    await seedNotificationDemo(context.app, { timeoutMs: 1_000 });
    expect({ schedules: await schedules.list(10, null), policies: await policies.list(10, null), rules: await rules.list({ eventType: null, enabled: null }, 10, null) }).toEqual(before);
    expect(before.rules.map((r) => r.id).sort()).toEqual([...BUILT_IN_RULES, ...DEMO_NOTIFICATION_RULES].map((r) => r.id).sort());
  });
});
