import { DirectoryProjection } from '@itsm/platform/persistence';
import { awaitDemoNames } from '@itsm/platform/service';
import type { INestApplication } from '@nestjs/common';
import { SaveEscalationPolicyHandler } from '../application/commands/save-escalation-policy/save-escalation-policy.handler';
import { SaveOnCallScheduleHandler } from '../application/commands/save-on-call-schedule/save-on-call-schedule.handler';
import { EnabledRules } from '../application/enabled-rules';
import { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import { EscalationPolicyStore, OnCallScheduleStore } from '../application/ports/on-call-stores.port';
import { DEMO_ON_CALL_NAMES, seedDemoOnCall } from './notification-demo-on-call';
import { seedDemoNotificationRules } from './notification-demo-rules';

/** The people and groups among `names` the directory projection does not know yet (`person <id>`, `group <id>`). */
export async function unknownDemoNames(directory: DirectoryProjection, names: { readonly personIds: readonly string[]; readonly groupIds: readonly string[] }): Promise<string[]> {
  const [people, groups] = await Promise.all([directory.people(names.personIds), directory.groups(names.groupIds)]);
  return [...names.personIds.filter((id) => !people.has(id)).map((id) => `person ${id}`), ...names.groupIds.filter((id) => !groups.has(id)).map((id) => `group ${id}`)];
}

/**
 * The notification demo, once the context consumes (the on-call schedule names people it learns from
 * the directory's demo events): waits for them, then the schedule and escalation policy, then the
 * rules (the P1 rule names the policy), each only where none exists; this replica forgets its cached rules.
 */
export async function seedNotificationDemo(app: INestApplication, options: { readonly timeoutMs?: number } = {}): Promise<void> {
  const directory = app.get(DirectoryProjection);
  await awaitDemoNames('notification', () => unknownDemoNames(directory, DEMO_ON_CALL_NAMES), options);
  await seedDemoOnCall({ schedules: app.get(OnCallScheduleStore), policies: app.get(EscalationPolicyStore), saveSchedule: app.get(SaveOnCallScheduleHandler), savePolicy: app.get(SaveEscalationPolicyHandler) });
  await seedDemoNotificationRules(app.get(NotificationRuleStore));
  app.get(EnabledRules).forget();
}
