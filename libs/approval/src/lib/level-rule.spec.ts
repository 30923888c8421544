import { approvalsNeeded, tallyLevel } from './level-rule';
import type { LevelRule } from './level-rule';

const quorum = (percent: number): LevelRule => ({ kind: 'quorum', percent });

describe('approvalsNeeded: quorum counted in whole integers (approvals × 100 ≥ percent × approvers)', () => {
  it.each([
    [66, 3, 2],
    [67, 3, 3],
    [50, 4, 2],
    [51, 4, 3],
    [100, 5, 5],
    [1, 5, 1],
    [1, 200, 2],
    [34, 3, 2],
    [33, 3, 1],
  ])('%i %% of %i approvers needs %i', (percent, approvers, needed) => {
    expect(approvalsNeeded(quorum(percent), approvers)).toBe(needed);
  });

  it('first response needs one, all needs everyone', () => {
    expect(approvalsNeeded({ kind: 'first_response' }, 7)).toBe(1);
    expect(approvalsNeeded({ kind: 'all' }, 7)).toBe(7);
  });

  it('property, exhaustive over 1-100 % and 1-30 approvers: the needed count is the least k with k × 100 ≥ p × n', () => {
    for (let percent = 1; percent <= 100; percent++) {
      for (let n = 1; n <= 30; n++) {
        const needed = approvalsNeeded(quorum(percent), n);
        expect(needed * 100).toBeGreaterThanOrEqual(percent * n);
        expect(needed).toBeGreaterThanOrEqual(1);
        expect(needed).toBeLessThanOrEqual(n);
        if (needed > 1) expect((needed - 1) * 100).toBeLessThan(percent * n);
      }
    }
  });
});

describe('tallyLevel', () => {
  it('2 of 3 at 66 %: pending after one approval, approved after the second, not before', () => {
    expect(tallyLevel(quorum(66), 3, 1, 0)).toBe('pending');
    expect(tallyLevel(quorum(66), 3, 2, 0)).toBe('approved');
    expect(tallyLevel(quorum(66), 3, 1, 1)).toBe('pending');
    expect(tallyLevel(quorum(66), 3, 0, 2)).toBe('rejected');
  });

  it('all: one rejection rejects, everyone approving approves', () => {
    expect(tallyLevel({ kind: 'all' }, 3, 2, 0)).toBe('pending');
    expect(tallyLevel({ kind: 'all' }, 3, 3, 0)).toBe('approved');
    expect(tallyLevel({ kind: 'all' }, 3, 0, 1)).toBe('rejected');
  });

  it('first response: the first decision decides either way', () => {
    expect(tallyLevel({ kind: 'first_response' }, 4, 0, 0)).toBe('pending');
    expect(tallyLevel({ kind: 'first_response' }, 4, 1, 0)).toBe('approved');
    expect(tallyLevel({ kind: 'first_response' }, 4, 0, 1)).toBe('rejected');
  });

  it('property, exhaustive: a quorum level is rejected exactly when the undecided approvers can no longer reach it', () => {
    for (const percent of [1, 25, 33, 50, 66, 67, 75, 99, 100]) {
      for (let n = 1; n <= 12; n++) {
        const needed = approvalsNeeded(quorum(percent), n);
        for (let approvals = 0; approvals <= n; approvals++) {
          for (let rejections = 0; approvals + rejections <= n; rejections++) {
            const tally = tallyLevel(quorum(percent), n, approvals, rejections);
            const expected = approvals >= needed ? 'approved' : approvals + (n - approvals - rejections) < needed ? 'rejected' : 'pending';
            expect(tally).toBe(expected);
          }
        }
      }
    }
  });
});
