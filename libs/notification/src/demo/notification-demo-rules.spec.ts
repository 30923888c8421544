import { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import type { NotificationRule } from '../domain';
import { DEMO_NOTIFICATION_RULES, seedDemoNotificationRules } from './notification-demo-rules';

class MemoryRules extends NotificationRuleStore {
  readonly rules = new Map<string, NotificationRule>();
  byId(id: string): Promise<NotificationRule | null> {
    return Promise.resolve(this.rules.get(id) ?? null);
  }
  put(rule: NotificationRule): Promise<void> {
    this.rules.set(rule.id, rule);
    return Promise.resolve();
  }
  enabledFor(eventType: string): Promise<readonly NotificationRule[]> {
    return Promise.resolve([...this.rules.values()].filter((r) => r.enabled && r.trigger.eventType === eventType));
  }
  list(): Promise<readonly NotificationRule[]> {
    return Promise.resolve([...this.rules.values()]);
  }
}

describe('demo notification rules', () => {
  it('are valid rules, put once each by fixed id (a second seed changes nothing)', async () => {
    const store = new MemoryRules();
    await seedDemoNotificationRules(store);
    const first = new Map(store.rules);
    await seedDemoNotificationRules(store);
    expect([...store.rules.keys()]).toEqual(DEMO_NOTIFICATION_RULES.map((r) => r.id));
    expect(store.rules).toEqual(first);
    expect((await store.enabledFor('itsm.incident.opened.v1')).map((r) => [r.urgent, r.recipients])).toEqual([[true, [{ kind: 'on_call', groupId: null }]]]);
  });
});
