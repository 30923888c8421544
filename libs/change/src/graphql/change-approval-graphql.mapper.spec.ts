import { ChangeErrorCode } from '../domain';
import { policyDraftFrom } from './change-approval-graphql.mapper';
import type { ApprovalPolicyInput } from './change-approval.inputs';

const input = (over: Partial<ApprovalPolicyInput> = {}): ApprovalPolicyInput => ({
  name: 'P',
  description: '',
  order: 1,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [{ name: 'CAB', groupIds: ['g-cab'], userIds: [], roles: [], rule: 'quorum', quorumPercent: 66, mandatory: true }],
  ...over,
});

describe('policyDraftFrom (the API input to a policy draft)', () => {
  it('reads the JSON condition trees and the rule with its percentage', () => {
    const draft = policyDraftFrom(input({ appliesWhen: '{"fact":"model","op":"in","value":["normal"]}', autoApproveWhen: ' ' }));
    expect(draft.appliesWhen).toEqual({ fact: 'model', op: 'in', value: ['normal'] });
    expect(draft.autoApproveWhen).toBeNull();
    expect(draft.levels[0]?.rule).toEqual({ kind: 'quorum', percent: 66 });
  });

  it.each<[string, Partial<ApprovalPolicyInput>, string]>([
    ['bad JSON', { appliesWhen: '{fact: model}' }, 'appliesWhen'],
    ['a bad tree', { autoApproveWhen: '{"any":[{"fact":"model","op":"eq"}]}' }, 'autoApproveWhen'],
    ['a quorum without a percentage', { levels: [{ name: 'CAB', groupIds: ['g'], userIds: [], roles: [], rule: 'quorum', quorumPercent: null, mandatory: true }] }, 'levels[0].quorumPercent'],
    ['a percentage without a quorum', { levels: [{ name: 'CAB', groupIds: ['g'], userIds: [], roles: [], rule: 'all', quorumPercent: 50, mandatory: true }] }, 'levels[0].quorumPercent'],
  ])('refuses %s with CHANGE.INVALID_INPUT naming the field', (_name, over, field) => {
    expect(() => policyDraftFrom(input(over))).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: expect.objectContaining({ field }) }));
  });
});
