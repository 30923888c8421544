import type { Change, ChangeModel, ChangeState } from '../change.model';

export const T0 = new Date('2031-03-03T09:00:00Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

/** A change in any state and model, with plans and a planned window (as if it had got there). */
export function changeIn(state: ChangeState, model: ChangeModel = 'normal', overrides: Partial<Change> = {}): Change {
  return {
    id: 'c-1',
    number: 'CHG0001000',
    model,
    state,
    title: 'Upgrade core router',
    description: '',
    templateId: model === 'standard' ? 'tpl-1' : null,
    requesterId: 'p-requester',
    assignmentGroupId: 'g-network',
    assignedOrgId: null,
    assigneeId: 'p-implementer',
    configurationItemIds: ['ci-a'],
    serviceIds: [],
    plans: { implementation: 'Upgrade', backout: 'Roll back', test: 'Smoke test' },
    planned: { start: at(60 * 24), end: at(60 * 26) },
    actualStart: state === 'implement' || state === 'review' ? at(0) : null,
    actualEnd: state === 'review' ? at(30) : null,
    risk: null,
    closeCode: null,
    closeNotes: null,
    authorisedAt: ['scheduled', 'implement', 'review', 'closed'].includes(state) || model === 'standard' ? at(-60) : null,
    retrospectivelyAuthorised: false,
    blackoutOverrideReason: null,
    review: null,
    createdAt: at(-120),
    updatedAt: at(-60),
    version: 3,
    ...overrides,
  };
}
