import { TimerPartitionSpace } from './timer-partition-space';

const space = new TimerPartitionSpace('ticket', { 'itsm.request.v1': 1_000, 'itsm.incident.v1': 0 });

describe('TimerPartitionSpace: several topics\' partitions in one timer partition space', () => {
  it('keeps the base-0 topic\'s numbers and puts the next topic after them; other topics own no timers', () => {
    expect(space.topics).toEqual(['itsm.incident.v1', 'itsm.request.v1']);
    expect(space.partition('itsm.incident.v1', 3)).toBe(3);
    expect(space.partition('itsm.request.v1', 3)).toBe(1_003);
    expect(() => space.partition('itsm.directory.v1', 3)).toThrow('itsm.directory.v1 is not a topic of the ticket timer partitions');
    expect(
      space.assignments(
        [
          { topic: 'itsm.request.v1', partitions: [2, 0] },
          { topic: 'itsm.directory.v1', partitions: [1] },
          { topic: 'itsm.incident.v1', partitions: [5] },
        ],
        'itsm.incident.v1',
      ),
    ).toEqual([{ topic: 'itsm.incident.v1', partitions: [5, 1_000, 1_002] }]);
  });

  it('an assignment of no owning partition is empty (the wheel suspends, as on a rebalance)', () => {
    expect(space.assignments([{ topic: 'itsm.directory.v1', partitions: [0, 1] }], 'itsm.incident.v1')).toEqual([]);
    expect(space.assignments([], 'itsm.incident.v1')).toEqual([]);
  });

  it('refuses a partition that would reach the next topic\'s base, and bases that clash', () => {
    expect(space.partition('itsm.incident.v1', 999)).toBe(999);
    expect(() => space.partition('itsm.incident.v1', 1_000)).toThrow('falls outside [0, 1000)');
    expect(() => space.assignments([{ topic: 'itsm.incident.v1', partitions: [1_000] }], 'itsm.incident.v1')).toThrow('falls outside');
    expect(() => space.partition('itsm.request.v1', -1)).toThrow('falls outside');
    expect(() => new TimerPartitionSpace('x', { a: 0, b: 0 })).toThrow('a and b share the base 0');
    expect(() => new TimerPartitionSpace('x', { a: -1 })).toThrow('non-negative integer');
  });
});
