import { activeDelegators, decidableSeat, lifecycleActions, sitsOnBoard, worksChanges } from './change-access';
import type { ApprovalLevel } from './change-types';

describe('change access in the portal', () => {
  it('offers the change pages to the roles the change API lets read them', () => {
    expect(worksChanges(['cab-member'])).toBe(true);
    expect(worksChanges(['change-manager'])).toBe(true);
    expect(worksChanges(['requester'])).toBe(true);
    expect(worksChanges(['supplier-agent'])).toBe(true);
    expect(worksChanges(['agent'])).toBe(false);
  });

  const change = (state: string, model: string, more: { authorisedAt?: string | null; requesterId?: string } = {}) =>
    ({ state, model, authorisedAt: more.authorisedAt ?? null, requesterId: more.requesterId ?? 'u-requester' }) as Parameters<typeof lifecycleActions>[0];
  const as = (...roles: string[]) => ({ sub: 'u-me', roles });

  it('offers the model\'s legal moves from the state to who may take them', () => {
    expect(lifecycleActions(change('new', 'normal'), as('change-manager'))).toEqual(['submitForAssessment', 'cancelChange']);
    expect(lifecycleActions(change('new', 'emergency'), as('implementer'))).toEqual(['requestAuthorisation']);
    expect(lifecycleActions(change('authorize', 'normal'), as('change-manager'))).toEqual(['revertChangeToNew', 'cancelChange']);
    expect(lifecycleActions(change('authorize', 'emergency'), as('admin'))).toEqual(['startImplementation', 'revertChangeToNew', 'cancelChange']);
    expect(lifecycleActions(change('scheduled', 'normal'), as('cab-member'))).toEqual([]);
  });

  it('reverts normal changes from assess, emergency ones from authorize or scheduled, standard ones never', () => {
    expect(lifecycleActions(change('assess', 'normal'), as('admin'))).toContain('revertChangeToNew');
    expect(lifecycleActions(change('assess', 'emergency'), as('admin'))).not.toContain('revertChangeToNew');
    expect(lifecycleActions(change('scheduled', 'emergency'), as('admin'))).toContain('revertChangeToNew');
    expect(lifecycleActions(change('scheduled', 'standard'), as('admin'))).toEqual(['startImplementation', 'cancelChange']);
  });

  it('closes a change in review only once authorised', () => {
    expect(lifecycleActions(change('review', 'emergency'), as('supplier-agent'))).toEqual([]);
    expect(lifecycleActions(change('review', 'emergency', { authorisedAt: '2026-01-01T00:00:00.000Z' }), as('supplier-agent'))).toEqual(['closeChange']);
    expect(lifecycleActions(change('review', 'normal', { authorisedAt: '2026-01-01T00:00:00.000Z' }), as('implementer'))).toEqual(['closeChange']);
  });

  it('lets supplier agents work, requesters edit and cancel their own change while New', () => {
    expect(lifecycleActions(change('scheduled', 'normal'), as('supplier-agent'))).toEqual(['startImplementation']);
    expect(lifecycleActions(change('new', 'normal', { requesterId: 'u-me' }), as('requester'))).toEqual(['submitForAssessment', 'cancelChange']);
    expect(lifecycleActions(change('new', 'normal'), as('requester'))).toEqual([]);
    expect(lifecycleActions(change('assess', 'normal', { requesterId: 'u-me' }), as('requester'))).toEqual([]);
  });

  it('sees who sits on a CAB: members, members through a CAB group, delegates of members', () => {
    const meeting = { memberIds: ['u-cab-1'], memberGroupIds: ['g-cab'], delegates: [{ delegateId: 'u-deputy', forMemberId: 'u-cab-1' }, { delegateId: 'u-stray', forMemberId: 'u-gone' }] };
    expect(sitsOnBoard(meeting, { sub: 'u-cab-1', roles: ['cab-member'] }, [])).toBe(true);
    expect(sitsOnBoard(meeting, { sub: 'u-other', roles: ['requester'] }, ['g-cab'])).toBe(true);
    expect(sitsOnBoard(meeting, { sub: 'u-deputy', roles: ['implementer'] }, [])).toBe(true);
    expect(sitsOnBoard(meeting, { sub: 'u-stray', roles: ['cab-member'] }, [])).toBe(false);
    expect(sitsOnBoard(meeting, { sub: 'u-manager', roles: ['change-manager'] }, [])).toBe(false);
    expect(sitsOnBoard(meeting, { sub: 'u-cab-1', roles: ['supplier-agent'] }, [])).toBe(false);
  });

  const level = (index: number, status: ApprovalLevel['status'], decisions: ApprovalLevel['decisions'] = []): ApprovalLevel => ({ index, name: `L${index}`, mandatory: true, rule: 'quorum', quorumPercent: 66, approvalsNeeded: 2, approverIds: ['u-cab-1', 'u-cab-2', 'u-cab-3'], status, decisions });
  const approval = (levels: ApprovalLevel[]) => ({ approval: { outcome: 'pending', startedAt: '2026-01-01T00:00:00.000Z', closedAt: null, levels } });

  it('lets an approver decide the pending level that names them, once', () => {
    expect(decidableSeat(approval([level(0, 'approved'), level(1, 'pending')]), 'u-cab-1')?.level.index).toBe(1);
    expect(decidableSeat(approval([level(0, 'pending')]), 'u-agent')).toBeUndefined();
    expect(decidableSeat(approval([level(0, 'waiting')]), 'u-cab-1')).toBeUndefined();
    const decided = [{ approverId: 'u-delegate', onBehalfOf: 'u-cab-1', decision: 'approved' as const, comment: null, at: '2026-01-01T01:00:00.000Z' }];
    expect(decidableSeat(approval([level(0, 'pending', decided)]), 'u-cab-1')).toBeUndefined();
    expect(decidableSeat({ approval: null }, 'u-cab-1')).toBeUndefined();
  });

  it('lets a delegate decide for an approver who delegated to them', () => {
    expect(decidableSeat(approval([level(0, 'pending')]), 'u-deputy', ['u-cab-2'])).toEqual({ level: expect.objectContaining({ index: 0 }), onBehalfOf: 'u-cab-2' });
    const decided = [{ approverId: 'u-cab-2', onBehalfOf: null, decision: 'approved' as const, comment: null, at: '2026-01-01T01:00:00.000Z' }];
    expect(decidableSeat(approval([level(0, 'pending', decided)]), 'u-deputy', ['u-cab-2'])).toBeUndefined();
  });

  it('finds the delegations to me that run now', () => {
    const now = new Date('2026-02-01T12:00:00.000Z');
    const base = { start: '2026-01-31T00:00:00.000Z', end: '2026-02-02T00:00:00.000Z', revokedAt: null };
    const delegations = [
      { ...base, delegatorId: 'u-cab-2', delegateId: 'u-me' },
      { ...base, delegatorId: 'u-me', delegateId: 'u-cab-3' },
      { ...base, delegatorId: 'u-cab-4', delegateId: 'u-me', revokedAt: '2026-02-01T00:00:00.000Z' },
      { ...base, delegatorId: 'u-cab-5', delegateId: 'u-me', start: '2026-02-01T13:00:00.000Z' },
    ];
    expect(activeDelegators(delegations, 'u-me', now)).toEqual(['u-cab-2']);
  });
});
