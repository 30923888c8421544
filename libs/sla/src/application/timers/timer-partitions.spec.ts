import { timerAssignments, timerPartition } from './timer-partitions';

describe('timer partitions: every ticket topic in the wheel\'s partition space', () => {
  it('keeps incident partitions and puts request partitions after them; other topics own no timers', () => {
    expect(timerPartition('itsm.incident.v1', 3)).toBe(3);
    expect(timerPartition('itsm.request.v1', 3)).toBe(1_003);
    expect(() => timerPartition('itsm.directory.v1', 3)).toThrow('not a ticket topic');
    expect(
      timerAssignments(
        [
          { topic: 'itsm.request.v1', partitions: [2, 0] },
          { topic: 'itsm.directory.v1', partitions: [1] },
          { topic: 'itsm.incident.v1', partitions: [5] },
        ],
        'itsm.incident.v1',
      ),
    ).toEqual([{ topic: 'itsm.incident.v1', partitions: [5, 1_000, 1_002] }]);
  });

  it('an assignment of no ticket partition is empty (the wheel suspends, as on a rebalance)', () => {
    expect(timerAssignments([{ topic: 'itsm.directory.v1', partitions: [0, 1] }], 'itsm.incident.v1')).toEqual([]);
    expect(timerAssignments([], 'itsm.incident.v1')).toEqual([]);
  });
});
