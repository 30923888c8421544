import { ChangeErrorCode } from '../../../domain';
import { InMemoryApprovalDelegations, SettableClock } from '../../test-fixtures/in-memory-approval-stores';
import { person, StaticPeople } from '../../test-fixtures/static-people';
import { RevokeApprovalDelegationCommand } from '../revoke-approval-delegation/revoke-approval-delegation.command';
import { RevokeApprovalDelegationHandler } from '../revoke-approval-delegation/revoke-approval-delegation.handler';
import { DelegateApprovalsCommand } from './delegate-approvals.command';
import { DelegateApprovalsHandler } from './delegate-approvals.handler';

const t0 = new Date(Date.UTC(2031, 6, 1, 8));
const hours = (h: number): Date => new Date(t0.getTime() + h * 3_600_000);
const ann = { userId: 'ann', roles: ['cab-member'] };

function setup() {
  const delegations = new InMemoryApprovalDelegations();
  const clock = new SettableClock(t0);
  const people = new StaticPeople([person('ann'), person('bob'), person('cid'), person('gone', [], false)]);
  return { delegations, clock, delegate: new DelegateApprovalsHandler(delegations, people, clock), revoke: new RevokeApprovalDelegationHandler(delegations, clock) };
}

const request = (over: Partial<{ delegatorId: string; delegateId: string; start: Date; end: Date }> = {}) => ({ delegatorId: 'ann', delegateId: 'bob', start: hours(0), end: hours(48), reason: 'holiday', ...over });

describe('delegate-approvals and revoke-approval-delegation', () => {
  it('a person delegates their approvals for a period; the delegate sees it in force, then it is revoked', async () => {
    const { delegations, clock, delegate, revoke } = setup();
    const created = await delegate.execute(new DelegateApprovalsCommand(ann, request()));
    expect(created).toMatchObject({ delegatorId: 'ann', delegateId: 'bob', createdBy: 'ann', revokedAt: null, reason: 'holiday' });
    expect(await delegations.inForceFor('bob', hours(1))).toHaveLength(1);
    clock.set(hours(2));
    const revoked = await revoke.execute(new RevokeApprovalDelegationCommand(ann, created.id));
    expect(revoked.revokedAt).toEqual(hours(2));
    expect(await delegations.inForceFor('bob', hours(3))).toHaveLength(0);
  });

  it('only the delegator, a change manager or an admin may delegate for someone', async () => {
    const { delegations, delegate } = setup();
    await expect(delegate.execute(new DelegateApprovalsCommand({ userId: 'cid', roles: ['cab-member'] }, request()))).rejects.toMatchObject({ code: ChangeErrorCode.Forbidden });
    expect(delegations.records.size).toBe(0);
    await expect(delegate.execute(new DelegateApprovalsCommand({ userId: 'cid', roles: ['change-manager'] }, request()))).resolves.toMatchObject({ createdBy: 'cid' });
  });

  it.each([
    ['to oneself', request({ delegateId: 'ann' }), ChangeErrorCode.InvalidInput],
    ['ending before it starts', request({ end: hours(-1) }), ChangeErrorCode.InvalidInput],
    ['already over', request({ start: hours(-48), end: hours(-1) }), ChangeErrorCode.InvalidInput],
    ['longer than a year', request({ end: hours(24 * 400) }), ChangeErrorCode.InvalidInput],
    ['to an unknown person', request({ delegateId: 'zed' }), ChangeErrorCode.UnknownPerson],
    ['to an inactive person', request({ delegateId: 'gone' }), ChangeErrorCode.UnknownPerson],
  ])('refuses a delegation %s and stores nothing', async (_name, bad, code) => {
    const { delegations, delegate } = setup();
    await expect(delegate.execute(new DelegateApprovalsCommand(ann, bad))).rejects.toMatchObject({ code });
    expect(delegations.records.size).toBe(0);
  });

  it("someone else's delegation is answered as not found", async () => {
    const { delegate, revoke, delegations } = setup();
    const created = await delegate.execute(new DelegateApprovalsCommand(ann, request()));
    await expect(revoke.execute(new RevokeApprovalDelegationCommand({ userId: 'bob', roles: [] }, created.id))).rejects.toMatchObject({ code: ChangeErrorCode.DelegationNotFound });
    await expect(revoke.execute(new RevokeApprovalDelegationCommand(ann, 'nope'))).rejects.toMatchObject({ code: ChangeErrorCode.DelegationNotFound });
    expect((await delegations.byId(created.id))?.revokedAt).toBeNull();
  });
});
