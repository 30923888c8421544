import { lifecycleActions, worksChanges } from './change-access';

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
});
