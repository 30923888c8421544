import { NotificationRuleStore } from '../../application/ports/notification-rule-store.port';
import { EscalationPolicyStore, OnCallScheduleStore } from '../../application/ports/on-call-stores.port';
import type { NotificationRule } from '../../domain';
import type { EscalationPolicy } from '../../domain/escalation/escalation-policy';
import type { OnCallSchedule } from '../../domain/on-call/on-call-schedule';

/** Items by a key in memory, listed in key order: what each demo store below keeps. */
class Keyed<T> {
  readonly items = new Map<string, T>();
  constructor(private readonly key: (item: T) => string) {}
  get(id: string): Promise<T | null> {
    return Promise.resolve(this.items.get(id) ?? null);
  }
  put(item: T): Promise<void> {
    this.items.set(this.key(item), item);
    return Promise.resolve();
  }
  all(): T[] {
    return [...this.items.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, item]) => item);
  }
}

/** The demo seed's stores in memory (the demo specs read what was saved). */
export class MemoryRules extends NotificationRuleStore {
  private readonly kept = new Keyed<NotificationRule>((r) => r.id);
  readonly rules = this.kept.items;
  byId = (id: string) => this.kept.get(id);
  put = (rule: NotificationRule) => this.kept.put(rule);
  enabledFor = (eventType: string) => Promise.resolve(this.kept.all().filter((r) => r.enabled && r.trigger.eventType === eventType));
  list = () => Promise.resolve(this.kept.all());
}

export class MemorySchedules extends OnCallScheduleStore {
  private readonly kept = new Keyed<OnCallSchedule>((s) => s.groupId);
  readonly schedules = this.kept.items;
  byGroup = (groupId: string) => this.kept.get(groupId);
  save = (schedule: OnCallSchedule) => this.kept.put(schedule);
  list = () => Promise.resolve(this.kept.all());
}

export class MemoryPolicies extends EscalationPolicyStore {
  private readonly kept = new Keyed<EscalationPolicy>((p) => p.id);
  readonly policies = this.kept.items;
  byId = (id: string) => this.kept.get(id);
  save = (policy: EscalationPolicy) => this.kept.put(policy);
  list = () => Promise.resolve(this.kept.all());
}
