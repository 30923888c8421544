import { DEMO_ESCALATION_POLICY } from './notification-demo-on-call';
import { DEMO_NOTIFICATION_RULES, seedDemoNotificationRules } from './notification-demo-rules';
import { MemoryRules } from './test-fixtures/memory-demo-stores';

describe('demo notification rules', () => {
  it('are valid rules, put once each by fixed id (a second seed changes nothing)', async () => {
    const store = new MemoryRules();
    expect(await seedDemoNotificationRules(store)).toHaveLength(DEMO_NOTIFICATION_RULES.length);
    const first = new Map(store.rules);
    expect(await seedDemoNotificationRules(store)).toEqual([]);
    expect([...store.rules.keys()]).toEqual(DEMO_NOTIFICATION_RULES.map((r) => r.id));
    expect(store.rules).toEqual(first);
    expect((await store.enabledFor('itsm.incident.opened.v1')).map((r) => [r.urgent, r.recipients, r.escalationPolicyId])).toEqual([[true, [], DEMO_ESCALATION_POLICY.id]]);
  });

  it('leaves a demo rule an admin changed as it is', async () => {
    const store = new MemoryRules();
    await seedDemoNotificationRules(store);
    const changed = { ...(store.rules.get('demo-incident-assigned') as NonNullable<ReturnType<typeof store.rules.get>>), enabled: false };
    await store.put(changed);
    await seedDemoNotificationRules(store);
    expect(store.rules.get('demo-incident-assigned')).toEqual(changed);
  });
});
