import type { ApprovalLevel, ChangeModel, ChangeRecord, ChangeState } from './change-types';

/** The roles the change API lets read changes, the calendar and CAB agendas (libs/change change-role-sets: agents are not among them). */
const CHANGE_READERS = ['change-manager', 'cab-member', 'implementer', 'admin'];
const EDITORS = ['change-manager', 'implementer', 'admin'];
const WORKERS = ['change-manager', 'implementer', 'supplier-agent', 'admin'];
const MANAGERS = ['change-manager', 'admin'];
/** Who may decide CAB agenda items (the server checks membership or delegation). */
const CAB_DECIDERS = ['cab-member', 'change-manager', 'admin', 'implementer'];

const any = (roles: readonly string[], allowed: readonly string[]) => roles.some((role) => allowed.includes(role));

export const worksChanges = (roles: readonly string[]): boolean => any(roles, CHANGE_READERS);
export const managesChanges = (roles: readonly string[]): boolean => any(roles, MANAGERS);
export const decidesCab = (roles: readonly string[]): boolean => any(roles, CAB_DECIDERS);

export type LifecycleAction = 'submitForAssessment' | 'requestAuthorisation' | 'startImplementation' | 'completeImplementation' | 'closeChange' | 'revertChangeToNew' | 'cancelChange';

/**
 * The lifecycle actions the API offers for a change in `state` to someone with `roles` (the server
 * still decides: ownership, group and organisation rules are its own).
 */
export function lifecycleActions(change: { readonly state: ChangeState; readonly model: ChangeModel }, roles: readonly string[]): LifecycleAction[] {
  const actions: LifecycleAction[] = [];
  const { state, model } = change;
  if (any(roles, EDITORS)) {
    if (state === 'new' && model === 'normal') actions.push('submitForAssessment');
    if ((state === 'assess' && model === 'normal') || (state === 'new' && model === 'emergency')) actions.push('requestAuthorisation');
  }
  if (any(roles, WORKERS)) {
    if (state === 'scheduled' || (state === 'authorize' && model === 'emergency')) actions.push('startImplementation');
    if (state === 'implement') actions.push('completeImplementation');
    if (state === 'review') actions.push('closeChange');
  }
  if (any(roles, MANAGERS) && ['assess', 'authorize', 'scheduled'].includes(state)) actions.push('revertChangeToNew');
  if (any(roles, MANAGERS) && !['review', 'closed', 'canceled'].includes(state)) actions.push('cancelChange');
  return actions;
}

/** The level the signed-in approver may decide now: pending, naming them, without their decision yet (delegates decide where the server lets them). */
export const decidableLevel = (change: Pick<ChangeRecord, 'approval'>, sub: string): ApprovalLevel | undefined =>
  change.approval?.levels.find((level) => level.status === 'pending' && level.approverIds.includes(sub) && !level.decisions.some((decision) => (decision.onBehalfOf ?? decision.approverId) === sub));
