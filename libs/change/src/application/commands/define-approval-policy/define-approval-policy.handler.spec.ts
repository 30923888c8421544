import { ChangeErrorCode } from '../../../domain';
import type { ApprovalPolicyDraft } from '../../../domain';
import { InMemoryApprovalPolicies, SettableClock } from '../../test-fixtures/in-memory-approval-stores';
import { DeleteApprovalPolicyCommand } from '../delete-approval-policy/delete-approval-policy.command';
import { DeleteApprovalPolicyHandler } from '../delete-approval-policy/delete-approval-policy.handler';
import { ReviseApprovalPolicyCommand } from '../revise-approval-policy/revise-approval-policy.command';
import { ReviseApprovalPolicyHandler } from '../revise-approval-policy/revise-approval-policy.handler';
import { DefineApprovalPolicyCommand } from './define-approval-policy.command';
import { DefineApprovalPolicyHandler } from './define-approval-policy.handler';

const t0 = new Date(Date.UTC(2031, 0, 6, 9));
const draft: ApprovalPolicyDraft = {
  name: 'Normal changes',
  description: 'Managers, then the CAB',
  order: 10,
  active: true,
  appliesWhen: { fact: 'model', op: 'eq', value: 'normal' },
  autoApproveWhen: null,
  levels: [
    { name: 'Change managers', approvers: { groupIds: [], userIds: [], roles: ['change-manager'] }, rule: { kind: 'first_response' }, mandatory: true },
    { name: 'CAB', approvers: { groupIds: ['g-cab'], userIds: [], roles: [] }, rule: { kind: 'quorum', percent: 66 }, mandatory: true },
  ],
};

function setup() {
  const policies = new InMemoryApprovalPolicies();
  const clock = new SettableClock(t0);
  return { policies, clock, define: new DefineApprovalPolicyHandler(policies, clock), revise: new ReviseApprovalPolicyHandler(policies, clock), remove: new DeleteApprovalPolicyHandler(policies) };
}

describe('approval policy admin', () => {
  it('defines a policy at version 1, revises it to version 2, deletes it', async () => {
    const { policies, clock, define, revise, remove } = setup();
    const created = await define.execute(new DefineApprovalPolicyCommand('admin-1', draft));
    expect(created).toMatchObject({ name: 'Normal changes', version: 1, updatedBy: 'admin-1', updatedAt: t0 });
    clock.set(new Date(t0.getTime() + 60_000));
    const revised = await revise.execute(new ReviseApprovalPolicyCommand('admin-2', created.id, 1, { ...draft, active: false }));
    expect(revised).toMatchObject({ id: created.id, active: false, version: 2, updatedBy: 'admin-2' });
    expect(await policies.byId(created.id)).toEqual(revised);
    await remove.execute(new DeleteApprovalPolicyCommand(created.id));
    expect(policies.records.size).toBe(0);
  });

  it('refuses an invalid policy with CHANGE.INVALID_INPUT naming the path, and stores nothing', async () => {
    const { policies, define } = setup();
    const bad = { ...draft, levels: [{ ...draft.levels[0]!, rule: { kind: 'quorum' as const, percent: 0 } }] };
    await expect(define.execute(new DefineApprovalPolicyCommand('admin', bad))).rejects.toMatchObject({
      code: ChangeErrorCode.InvalidInput,
      details: expect.objectContaining({ path: 'levels[0].rule.percent', approvalCode: 'APPROVAL.INVALID_POLICY' }),
    });
    expect(policies.records.size).toBe(0);
  });

  it('a stale version is a conflict, an unknown policy POLICY_NOT_FOUND; neither writes', async () => {
    const { policies, define, revise, remove } = setup();
    const created = await define.execute(new DefineApprovalPolicyCommand('admin', draft));
    await expect(revise.execute(new ReviseApprovalPolicyCommand('admin', created.id, 7, { ...draft, name: 'x' }))).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    await expect(revise.execute(new ReviseApprovalPolicyCommand('admin', 'nope', 1, draft))).rejects.toMatchObject({ code: ChangeErrorCode.PolicyNotFound });
    await expect(remove.execute(new DeleteApprovalPolicyCommand('nope'))).rejects.toMatchObject({ code: ChangeErrorCode.PolicyNotFound });
    expect((await policies.byId(created.id))?.name).toBe('Normal changes');
  });
});
