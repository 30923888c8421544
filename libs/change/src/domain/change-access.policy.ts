import { ChangeError, ChangeErrorCode } from './change.errors';
import type { Change } from './change.model';

/** Who is asking (the platform's principal, structurally) and whether they belong to the change's assignment group. */
export interface ChangeViewer {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly orgId: string | undefined;
}

/** What a viewer wants to do with one change. */
export type ChangeAccess = 'view' | 'edit' | 'work' | 'manage';

const OVERSEERS = ['admin', 'change-manager'];

function holds(viewer: ChangeViewer, ...roles: string[]): boolean {
  return roles.some((role) => viewer.roles.includes(role));
}

/**
 * Roles: admin and change managers everything; CAB members read all; implementers their group's
 * changes (read, edit, work); supplier agents only changes assigned to their organisation (read,
 * work); requesters their own (read; edit and cancel while New).
 */
export function mayAccess(viewer: ChangeViewer, change: Change, access: ChangeAccess, inAssignmentGroup: boolean): boolean {
  if (holds(viewer, ...OVERSEERS)) return true;
  const implementer = holds(viewer, 'implementer') && inAssignmentGroup;
  const supplier = holds(viewer, 'supplier-agent') && viewer.orgId !== undefined && change.assignedOrgId === viewer.orgId;
  const requester = holds(viewer, 'requester') && change.requesterId === viewer.userId;
  switch (access) {
    case 'view':
      return holds(viewer, 'cab-member') || implementer || supplier || requester;
    case 'edit':
      return implementer || (requester && change.state === 'new');
    case 'work':
      return implementer || supplier;
    case 'manage':
      return requester && change.state === 'new';
  }
}

export function assertMayAccess(viewer: ChangeViewer, change: Change, access: ChangeAccess, inAssignmentGroup: boolean): void {
  if (!mayAccess(viewer, change, access, inAssignmentGroup)) {
    // A change the viewer may not even see is answered as absent (no existence leak).
    if (!mayAccess(viewer, change, 'view', inAssignmentGroup)) throw new ChangeError(ChangeErrorCode.NotFound, `change ${change.id} not found`, { changeId: change.id });
    throw new ChangeError(ChangeErrorCode.Forbidden, `you may not ${access} change ${change.number}`, { changeId: change.id });
  }
}

/** The narrowest set of changes a viewer may list: every change, a requester's own, an organisation's, or an assignee's. */
export type ChangeScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'assigned-org'; readonly orgId: string }
  | { readonly kind: 'requester'; readonly requesterId: string }
  | { readonly kind: 'assignee'; readonly assigneeId: string };

/**
 * The list scope: overseers and CAB members see all; an implementer filtering by a group they belong
 * to sees that group's; a supplier agent their organisation's; else requesters their own and
 * implementers what is assigned to them.
 */
export function changeScope(viewer: ChangeViewer, filteredGroup: { readonly id: string; readonly member: boolean } | undefined): ChangeScope {
  if (holds(viewer, ...OVERSEERS, 'cab-member')) return { kind: 'all' };
  if (holds(viewer, 'implementer') && filteredGroup?.member === true) return { kind: 'group', groupId: filteredGroup.id };
  if (holds(viewer, 'supplier-agent') && viewer.orgId !== undefined) return { kind: 'assigned-org', orgId: viewer.orgId };
  if (holds(viewer, 'requester')) return { kind: 'requester', requesterId: viewer.userId };
  return { kind: 'assignee', assigneeId: viewer.userId };
}
