import { planApproval, startApproval } from '@itsm/approval';
import type { ApprovalPlan } from '@itsm/approval';
import { approvalFacts, awaitingApprovers, recordPreApproval, settleApproval } from './change-approval';
import { authorise, revertToNew } from './change-lifecycle';
import type { Change } from './change.model';
import { at, changeIn, T0 } from './test-fixtures/changes';

const plan: ApprovalPlan = {
  policyIds: ['p'],
  autoApprovedBy: [],
  levels: [
    { policyId: 'p', definition: { name: 'Managers', approvers: { groupIds: [], userIds: ['m'], roles: [] }, rule: { kind: 'first_response' }, mandatory: true } },
    { policyId: 'p', definition: { name: 'CAB', approvers: { groupIds: ['g'], userIds: [], roles: [] }, rule: { kind: 'quorum', percent: 66 }, mandatory: true } },
  ],
};

function authorizeWithApproval(): Change {
  return { ...changeIn('authorize'), approval: startApproval(plan, [['m'], ['a', 'b', 'c']], T0).process };
}

describe('change approval rules (domain)', () => {
  it('facts: model, risk and its rank, lead time in whole hours to the planned start, CIs and services', () => {
    const change = changeIn('authorize', 'normal', { risk: { level: 'high', decidedBy: 'rule', ruleId: 'r', reason: 'x' }, serviceIds: ['svc-pay'] });
    expect(approvalFacts(change, at(-30))).toMatchObject({ model: 'normal', risk: 'high', riskRank: 2, emergency: false, leadTimeHours: 24, ciCount: 1, serviceIds: ['svc-pay'], serviceCount: 1 });
    expect(approvalFacts(changeIn('new', 'emergency', { planned: null }), T0)).toMatchObject({ risk: null, riskRank: null, emergency: true, leadTimeHours: null });
  });

  it('the pending-approvals index holds the undecided approvers of pending levels only', () => {
    expect(awaitingApprovers(null)).toEqual([]);
    expect(awaitingApprovers(authorizeWithApproval().approval)).toEqual(['m']);
  });

  it('revert to New, and an authorisation by someone else (the CAB), cancel a pending approval', () => {
    const reverted = settleApproval(revertToNew(authorizeWithApproval(), 'scope changed', 'm', at(1)), at(1));
    expect(reverted.change.approval).toMatchObject({ outcome: 'canceled', closedAt: at(1) });
    const byCab = settleApproval(authorise(authorizeWithApproval(), 'CAB agreed', 'chair', at(2)), at(2));
    expect(byCab.change.approval?.outcome).toBe('canceled');
    expect(awaitingApprovers(byCab.change.approval)).toEqual([]);
    const untouched = { change: authorizeWithApproval(), events: [] };
    expect(settleApproval(untouched, at(3))).toBe(untouched);
  });

  it('a standard change gets the system pre-approval only when an applying policy auto-approves it', () => {
    const created = { change: changeIn('scheduled', 'standard'), events: [] };
    const auto = planApproval([{ id: 'auto', name: 'Auto', order: 1, active: true, appliesWhen: null, autoApproveWhen: { fact: 'model', op: 'eq', value: 'standard' }, levels: plan.levels.map((l) => l.definition) }], approvalFacts(created.change, T0), 'first_match');
    const recorded = recordPreApproval(created, auto, T0);
    expect(recorded.change.approval).toMatchObject({ outcome: 'approved', autoApprovals: [{ policyId: 'auto', at: T0 }], levels: [] });
    expect(recorded.events.map((e) => [e.type, e.data.by])).toEqual([['itsm.change.approval-decided.v1', 'system']]);
    expect(recordPreApproval(created, plan, T0)).toBe(created);
  });
});
