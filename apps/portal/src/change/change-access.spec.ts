import { decidableLevel, lifecycleActions, worksChanges } from './change-access';
import type { ApprovalLevel } from './change-types';

describe('change access in the portal', () => {
  it('offers the change pages to the roles the change API lets read them', () => {
    expect(worksChanges(['cab-member'])).toBe(true);
    expect(worksChanges(['change-manager'])).toBe(true);
    expect(worksChanges(['agent'])).toBe(false);
    expect(worksChanges(['requester'])).toBe(false);
  });

  it('offers the lifecycle steps of the state and model to who may take them', () => {
    expect(lifecycleActions({ state: 'new', model: 'normal' }, ['change-manager'])).toEqual(['submitForAssessment', 'cancelChange']);
    expect(lifecycleActions({ state: 'new', model: 'emergency' }, ['implementer'])).toEqual(['requestAuthorisation']);
    expect(lifecycleActions({ state: 'authorize', model: 'normal' }, ['change-manager'])).toEqual(['revertChangeToNew', 'cancelChange']);
    expect(lifecycleActions({ state: 'authorize', model: 'emergency' }, ['admin'])).toEqual(['startImplementation', 'revertChangeToNew', 'cancelChange']);
    expect(lifecycleActions({ state: 'review', model: 'normal' }, ['supplier-agent'])).toEqual(['closeChange']);
    expect(lifecycleActions({ state: 'scheduled', model: 'normal' }, ['cab-member'])).toEqual([]);
  });

  it("lets an approver decide the pending level that names them, once", () => {
    const level = (index: number, status: ApprovalLevel['status'], decisions: ApprovalLevel['decisions'] = []): ApprovalLevel => ({ index, name: `L${index}`, mandatory: true, rule: 'quorum', quorumPercent: 66, approvalsNeeded: 2, approverIds: ['u-cab-1', 'u-cab-2', 'u-cab-3'], status, decisions });
    const approval = (levels: ApprovalLevel[]) => ({ approval: { outcome: 'pending', startedAt: '2026-01-01T00:00:00.000Z', closedAt: null, levels } });
    expect(decidableLevel(approval([level(0, 'approved'), level(1, 'pending')]), 'u-cab-1')?.index).toBe(1);
    expect(decidableLevel(approval([level(0, 'pending')]), 'u-agent')).toBeUndefined();
    expect(decidableLevel(approval([level(0, 'waiting')]), 'u-cab-1')).toBeUndefined();
    const decided = [{ approverId: 'u-delegate', onBehalfOf: 'u-cab-1', decision: 'approved' as const, comment: null, at: '2026-01-01T01:00:00.000Z' }];
    expect(decidableLevel(approval([level(0, 'pending', decided)]), 'u-cab-1')).toBeUndefined();
    expect(decidableLevel({ approval: null }, 'u-cab-1')).toBeUndefined();
  });
});
