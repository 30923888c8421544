import { ApprovalErrorCode } from './approval.errors';
import { planApproval, validatePolicy } from './approval-policy';
import type { ApprovalLevelDefinition, ApprovalPolicy } from './approval-policy';

const level = (name: string, over: Partial<ApprovalLevelDefinition> = {}): ApprovalLevelDefinition => ({
  name,
  approvers: { groupIds: ['grp-cab'], userIds: [], roles: [] },
  rule: { kind: 'first_response' },
  mandatory: true,
  ...over,
});

const policy = (id: string, over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  id,
  name: `Policy ${id}`,
  order: 10,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [level(`${id}-level`)],
  ...over,
});

function expectInvalid(run: () => unknown, path: string): void {
  expect(run).toThrow(expect.objectContaining({ code: ApprovalErrorCode.InvalidPolicy, details: expect.objectContaining({ path }) }));
}

describe('validatePolicy', () => {
  it('keeps a valid policy and deduplicates approver lists', () => {
    const valid = validatePolicy(policy('p', { levels: [level('CAB', { approvers: { groupIds: ['g', 'g'], userIds: ['u'], roles: ['cab-member', 'cab-member'] } })] }));
    expect(valid.levels[0]?.approvers).toEqual({ groupIds: ['g'], userIds: ['u'], roles: ['cab-member'] });
  });

  it.each([0, 101, 66.5, -1])('refuses a quorum of %p %%', (percent) => {
    expectInvalid(() => validatePolicy(policy('p', { levels: [level('CAB', { rule: { kind: 'quorum', percent } })] })), 'levels[0].rule.percent');
  });

  it.each([1, 100])('accepts a quorum of %p %%', (percent) => {
    expect(() => validatePolicy(policy('p', { levels: [level('CAB', { rule: { kind: 'quorum', percent } })] }))).not.toThrow();
  });

  it('refuses no levels, more than 20 levels, an empty name, a level naming nobody, an empty id, a fractional order', () => {
    expectInvalid(() => validatePolicy(policy('p', { levels: [] })), 'levels');
    expectInvalid(() => validatePolicy(policy('p', { levels: Array.from({ length: 21 }, (_, i) => level(`L${i}`)) })), 'levels');
    expectInvalid(() => validatePolicy(policy('p', { name: '  ' })), 'name');
    expectInvalid(() => validatePolicy(policy('p', { levels: [level('A'), level(' ')] })), 'levels[1].name');
    expectInvalid(() => validatePolicy(policy('p', { levels: [level('A', { approvers: { groupIds: [], userIds: [], roles: [] } })] })), 'levels[0].approvers');
    expectInvalid(() => validatePolicy(policy('p', { levels: [level('A', { approvers: { groupIds: [''], userIds: [], roles: [] } })] })), 'levels[0].approvers.groupIds');
    expectInvalid(() => validatePolicy(policy('p', { order: 1.5 })), 'order');
  });
});

describe('planApproval', () => {
  const standardLowRisk = { all: [{ fact: 'model', op: 'eq' as const, value: 'standard' }, { fact: 'risk', op: 'eq' as const, value: 'low' }] };
  const normal = policy('normal', { order: 20, appliesWhen: { fact: 'model', op: 'eq', value: 'normal' }, levels: [level('Managers'), level('CAB')] });
  const auto = policy('auto', { order: 10, appliesWhen: { fact: 'model', op: 'eq', value: 'standard' }, autoApproveWhen: standardLowRisk });
  const everything = policy('catch-all', { order: 99 });
  const inactive = policy('off', { order: 0, active: false });

  it('first match: the applying policy with the lowest order, its levels in order', () => {
    const plan = planApproval([everything, normal, auto, inactive], { model: 'normal', risk: 'high' }, 'first_match');
    expect(plan).toEqual({
      policyIds: ['normal'],
      autoApprovedBy: [],
      levels: [
        { policyId: 'normal', definition: normal.levels[0] },
        { policyId: 'normal', definition: normal.levels[1] },
      ],
    });
  });

  it('run all: every applying policy, levels one policy after another', () => {
    const plan = planApproval([everything, normal, auto, inactive], { model: 'normal', risk: 'high' }, 'run_all');
    expect(plan.policyIds).toEqual(['normal', 'catch-all']);
    expect(plan.levels.map((l) => l.definition.name)).toEqual(['Managers', 'CAB', 'catch-all-level']);
  });

  it('an auto-approving policy contributes a system approval and no level', () => {
    const plan = planApproval([everything, normal, auto], { model: 'standard', risk: 'low' }, 'first_match');
    expect(plan).toEqual({ policyIds: ['auto'], autoApprovedBy: ['auto'], levels: [] });
    const risky = planApproval([everything, normal, auto], { model: 'standard', risk: 'high' }, 'first_match');
    expect(risky.autoApprovedBy).toEqual([]);
    expect(risky.levels).toHaveLength(1);
  });

  it('no applying policy: an empty plan; equal orders break by id', () => {
    expect(planApproval([normal], { model: 'emergency' }, 'run_all')).toEqual({ policyIds: [], autoApprovedBy: [], levels: [] });
    const plan = planApproval([policy('b'), policy('a')], {}, 'run_all');
    expect(plan.policyIds).toEqual(['a', 'b']);
  });
});
