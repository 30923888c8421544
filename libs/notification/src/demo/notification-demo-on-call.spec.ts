import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { OnCallDirectoryCheck } from '../application/commands/on-call-directory-check';
import { SaveEscalationPolicyHandler } from '../application/commands/save-escalation-policy/save-escalation-policy.handler';
import { SaveOnCallScheduleHandler } from '../application/commands/save-on-call-schedule/save-on-call-schedule.handler';
import { NotificationErrorCode } from '../domain';
import { onCallAt } from '../domain/on-call/on-call-schedule';
import { unknownDemoNames } from './notification-demo-data';
import { DEMO_ESCALATION_POLICY, DEMO_ON_CALL_NAMES, DEMO_ON_CALL_SCHEDULE, seedDemoOnCall } from './notification-demo-on-call';
import { directoryDemoEvents } from './test-fixtures/directory-demo-events';
import { MemoryPolicies, MemorySchedules } from './test-fixtures/memory-demo-stores';

function seedWith(directory: InMemoryDirectoryProjection) {
  const schedules = new MemorySchedules();
  const policies = new MemoryPolicies();
  const check = new OnCallDirectoryCheck(directory);
  const services = { schedules, policies, saveSchedule: new SaveOnCallScheduleHandler(schedules, check), savePolicy: new SaveEscalationPolicyHandler(policies, check) };
  return { schedules, policies, seed: () => seedDemoOnCall(services) };
}

describe('demo on-call rotation and escalation policy', () => {
  it('are refused through the save use cases while the directory has not announced their people (nothing saved)', async () => {
    const directory = new InMemoryDirectoryProjection();
    expect(await unknownDemoNames(directory, DEMO_ON_CALL_NAMES)).toEqual(['person u-supplier-agent', 'person u-nina', 'person u-incident-manager', 'group network-ops']);
    const { schedules, policies, seed } = seedWith(directory);
    await expect(seed()).rejects.toMatchObject({ code: NotificationErrorCode.UnknownRecipient });
    expect(schedules.schedules.size + policies.policies.size).toBe(0);
  });

  it('are saved once the directory knows them, and a second seed changes nothing (nor an admin\'s schedule)', async () => {
    const directory = await new InMemoryDirectoryProjection().feed(...directoryDemoEvents(new DirectoryFeed()));
    expect(await unknownDemoNames(directory, DEMO_ON_CALL_NAMES)).toEqual([]);
    const { schedules, policies, seed } = seedWith(directory);
    expect(await seed()).toEqual({ schedule: true, policy: true });
    expect(schedules.schedules.get('network-ops')).toEqual(DEMO_ON_CALL_SCHEDULE);
    expect(policies.policies.get('demo-p1-escalation')).toEqual(DEMO_ESCALATION_POLICY);
    const admins = { ...DEMO_ON_CALL_SCHEDULE, zone: 'Europe/Prague' };
    await schedules.save(admins);
    expect(await seed()).toEqual({ schedule: false, policy: false });
    expect(schedules.schedules.get('network-ops')).toEqual(admins);
  });

  it('hands the weekly turn over on Mondays at 09:00 Amsterdam time', () => {
    const monday = (day: number, hourUtc: number, minute = 0) => Date.UTC(2025, 0, day, hourUtc, minute);
    // 09:00 CET is 08:00 UTC in January.
    expect(onCallAt(DEMO_ON_CALL_SCHEDULE, monday(6, 8))).toEqual(['u-supplier-agent']);
    expect(onCallAt(DEMO_ON_CALL_SCHEDULE, monday(13, 7, 59))).toEqual(['u-supplier-agent']);
    expect(onCallAt(DEMO_ON_CALL_SCHEDULE, monday(13, 8))).toEqual(['u-nina']);
    expect(onCallAt(DEMO_ON_CALL_SCHEDULE, monday(20, 8))).toEqual(['u-supplier-agent']);
    expect(DEMO_ESCALATION_POLICY.levels.map((l) => [l.targets.map((t) => t.kind), l.delayMinutes])).toEqual([[['on_call'], 15], [['group_manager', 'person'], 30]]);
  });
});
