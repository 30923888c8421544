import { ApprovalErrorCode } from './approval.errors';
import { delegatorsOf, isDelegationActive, validateDelegation } from './delegation';
import type { Delegation } from './delegation';

const t0 = new Date(Date.UTC(2031, 2, 3, 8, 0));
const at = (hours: number): Date => new Date(t0.getTime() + hours * 3_600_000);
const delegation = (id: string, delegatorId: string, delegateId: string, from: number, to: number): Delegation => ({ id, delegatorId, delegateId, start: at(from), end: at(to) });

describe('delegations', () => {
  it('are active from start (inclusive) to end (exclusive)', () => {
    const d = delegation('d1', 'ann', 'bob', 0, 24);
    expect(isDelegationActive(d, at(-0.001))).toBe(false);
    expect(isDelegationActive(d, at(0))).toBe(true);
    expect(isDelegationActive(d, at(23.999))).toBe(true);
    expect(isDelegationActive(d, at(24))).toBe(false);
  });

  it('name the active delegators of a delegate, sorted and distinct, not transitively', () => {
    const all = [delegation('1', 'zoe', 'bob', 0, 10), delegation('2', 'ann', 'bob', 0, 10), delegation('3', 'ann', 'bob', 5, 20), delegation('4', 'cid', 'bob', 20, 30), delegation('5', 'dan', 'zoe', 0, 10)];
    expect(delegatorsOf('bob', all, at(6))).toEqual(['ann', 'zoe']);
    expect(delegatorsOf('bob', all, at(25))).toEqual(['cid']);
  });

  it('refuse a delegation to oneself or one that does not end after it starts', () => {
    expect(() => validateDelegation(delegation('x', 'ann', 'ann', 0, 1))).toThrow(expect.objectContaining({ code: ApprovalErrorCode.InvalidDelegation }));
    expect(() => validateDelegation(delegation('x', 'ann', 'bob', 1, 1))).toThrow(expect.objectContaining({ code: ApprovalErrorCode.InvalidDelegation }));
    expect(validateDelegation(delegation('x', 'ann', 'bob', 0, 1)).id).toBe('x');
  });
});
