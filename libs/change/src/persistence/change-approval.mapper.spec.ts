import { decideApproval, startApproval } from '@itsm/approval';
import { approvalOfDocument } from './change-approval.mapper';

const t0 = new Date(Date.UTC(2031, 2, 3, 9));

describe('approvalOfDocument', () => {
  it('reads a stored approval back as it was written, instants as Dates even when stored as text', () => {
    const started = startApproval(
      { policyIds: ['p'], autoApprovedBy: [], levels: [{ policyId: 'p', definition: { name: 'CAB', approvers: { groupIds: ['g'], userIds: [], roles: [] }, rule: { kind: 'quorum', percent: 66 }, mandatory: true } }] },
      [['a', 'b', 'c']],
      t0,
    ).process;
    const decided = decideApproval(started, { actorId: 'a', onBehalfOf: null, decision: 'approved', comment: 'ok', level: null }, [], new Date(t0.getTime() + 60_000)).process;
    expect(approvalOfDocument(decided)).toEqual(decided);
    expect(approvalOfDocument(JSON.parse(JSON.stringify(decided)))).toEqual(decided);
    expect(approvalOfDocument(null)).toBeNull();
    expect(approvalOfDocument(undefined)).toBeNull();
  });
});
