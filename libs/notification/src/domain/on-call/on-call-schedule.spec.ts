import { NotificationErrorCode } from '../notification.errors';
import { onCallAt, rotationMemberAt, validateOnCallSchedule } from './on-call-schedule';
import type { OnCallSchedule, Rotation } from './on-call-schedule';

const ZONE = 'Europe/Zurich';
const utc = (iso: string) => Date.parse(iso);
const weekly: Rotation = { handoffMinute: 9 * 60, startDate: '2031-03-24', lengthDays: 7, members: ['ann', 'ben', 'cid'] };

function schedule(overrides: OnCallSchedule['overrides'] = [], rotations: readonly Rotation[] = [weekly]): OnCallSchedule {
  return { id: 's-1', groupId: 'g-network-oncall', zone: ZONE, rotations, overrides };
}

describe('on-call rotation', () => {
  it('hands off at the local hand-off time, on the other side of the spring DST change (09:00 CEST = 07:00Z)', () => {
    // Week 1 started Monday 2031-03-24 09:00 CET (08:00Z); clocks went forward on Sunday 2031-03-30.
    expect(rotationMemberAt(weekly, ZONE, utc('2031-03-24T07:59:59Z'))).toBeNull();
    expect(rotationMemberAt(weekly, ZONE, utc('2031-03-24T08:00:00Z'))).toBe('ann');
    expect(rotationMemberAt(weekly, ZONE, utc('2031-03-31T06:59:59Z'))).toBe('ann');
    expect(rotationMemberAt(weekly, ZONE, utc('2031-03-31T07:00:00Z'))).toBe('ben');
    expect(rotationMemberAt(weekly, ZONE, utc('2031-04-07T07:00:00Z'))).toBe('cid');
    expect(rotationMemberAt(weekly, ZONE, utc('2031-04-14T07:00:00Z'))).toBe('ann');
  });

  it('hands off at 09:00 CET (08:00Z) again after the autumn change, 31 weeks later, in O(1)', () => {
    // 2031-10-27 is a Monday, 31 weeks after the start: turn 31 -> members[31 % 3] = ben.
    expect(rotationMemberAt(weekly, ZONE, utc('2031-10-27T07:59:59Z'))).toBe('ann');
    expect(rotationMemberAt(weekly, ZONE, utc('2031-10-27T08:00:00Z'))).toBe('ben');
    // Twenty years on: still one computation.
    expect(rotationMemberAt(weekly, ZONE, utc('2051-03-27T08:00:00Z'))).toMatch(/^(ann|ben|cid)$/);
  });

  it('hands off a daily turn whose hand-off falls in the spring gap at the first valid instant (02:30 -> 03:30 CEST)', () => {
    const daily: Rotation = { handoffMinute: 150, startDate: '2031-03-29', lengthDays: 1, members: ['ann', 'ben'] };
    expect(rotationMemberAt(daily, ZONE, utc('2031-03-30T01:29:59Z'))).toBe('ann');
    expect(rotationMemberAt(daily, ZONE, utc('2031-03-30T01:30:00Z'))).toBe('ben');
    // The next day 02:30 CEST = 00:30Z.
    expect(rotationMemberAt(daily, ZONE, utc('2031-03-31T00:29:59Z'))).toBe('ben');
    expect(rotationMemberAt(daily, ZONE, utc('2031-03-31T00:30:00Z'))).toBe('ann');
  });
});

describe('on-call schedule', () => {
  const secondary: Rotation = { ...weekly, members: ['dan', 'eve'] };

  it('lists the primary then the secondary, without repeats, and nobody before the start', () => {
    expect(onCallAt(schedule([], [weekly, secondary]), utc('2031-03-31T07:00:00Z'))).toEqual(['ben', 'eve']);
    expect(onCallAt(schedule([], [weekly, { ...weekly, members: ['ben', 'ann'] }]), utc('2031-03-24T08:00:00Z'))).toEqual(['ann', 'ben']);
    expect(onCallAt(schedule([], [weekly, { ...weekly, members: ['ann'] }]), utc('2031-03-24T08:00:00Z'))).toEqual(['ann']);
    expect(onCallAt(schedule(), utc('2031-03-20T08:00:00Z'))).toEqual([]);
  });

  it('lets an override replace the primary for its interval ([from, to)), the later of two overlapping ones winning', () => {
    const holiday = { from: utc('2031-04-01T00:00:00Z'), to: utc('2031-04-03T00:00:00Z'), personId: 'zoe', reason: 'ben on holiday' };
    const swap = { from: utc('2031-04-02T00:00:00Z'), to: utc('2031-04-02T12:00:00Z'), personId: 'yan', reason: 'swap' };
    const s = schedule([holiday, swap], [weekly, secondary]);
    expect(onCallAt(s, utc('2031-03-31T23:59:59Z'))).toEqual(['ben', 'eve']);
    expect(onCallAt(s, utc('2031-04-01T00:00:00Z'))).toEqual(['zoe', 'eve']);
    expect(onCallAt(s, utc('2031-04-02T06:00:00Z'))).toEqual(['yan', 'eve']);
    expect(onCallAt(s, utc('2031-04-02T12:00:00Z'))).toEqual(['zoe', 'eve']);
    expect(onCallAt(s, utc('2031-04-03T00:00:00Z'))).toEqual(['ben', 'eve']);
    // An override covers even before the rotation starts.
    expect(onCallAt(schedule([{ ...holiday, from: utc('2031-03-01T00:00:00Z'), to: utc('2031-03-02T00:00:00Z') }]), utc('2031-03-01T10:00:00Z'))).toEqual(['zoe']);
  });

  it.each([
    ['zone', { zone: 'Mars/Olympus' }],
    ['rotations', { rotations: [] }],
    ['rotations.0.handoffMinute', { rotations: [{ ...weekly, handoffMinute: 1440 }] }],
    ['rotations.0.startDate', { rotations: [{ ...weekly, startDate: '2031-02-30' }] }],
    ['rotations.0.lengthDays', { rotations: [{ ...weekly, lengthDays: 0 }] }],
    ['rotations.0.members', { rotations: [{ ...weekly, members: [] }] }],
    ['rotations.0.members', { rotations: [{ ...weekly, members: ['ann', 'ann'] }] }],
    ['overrides.0', { overrides: [{ from: 2, to: 2, personId: 'zoe', reason: 'x' }] }],
    ['overrides.0.reason', { overrides: [{ from: 1, to: 2, personId: 'zoe', reason: ' ' }] }],
  ] as const)('refuses a schedule with a bad %s', (field, change) => {
    expect(() => validateOnCallSchedule({ ...schedule(), ...change } as OnCallSchedule)).toThrow(expect.objectContaining({ code: NotificationErrorCode.InvalidSchedule, details: expect.objectContaining({ field }) }));
  });

  it('accepts a valid schedule as it is', () => {
    const s = schedule([{ from: 1, to: 2, personId: 'zoe', reason: 'swap' }], [weekly, secondary]);
    expect(validateOnCallSchedule(s)).toBe(s);
  });
});
