import type { GroupKind } from './directory-projection';
import { IncidentError, IncidentErrorCode } from './incident.errors';

/** An assignment group as the assignment rules need it (this context's projection of the directory). */
export interface GroupRef {
  readonly id: string;
  readonly orgId: string | null;
  /** Who may be assigned: the user names (token subjects, lower-cased) of its active members. */
  readonly members: readonly string[];
  /** Members the directory deactivated (user names, lower-cased): no longer assignable. */
  readonly inactiveMembers?: readonly string[];
}

/** A group of the directory as the projection holds it, with its members' standing. */
export interface AssignmentGroupView {
  readonly id: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly orgId: string | null;
  /** False when its organisation is deactivated (an organisation not yet projected counts as active). */
  readonly organisationActive: boolean;
  /** User names (lower-cased) of its active members. */
  readonly members: readonly string[];
  /** User names (lower-cased) of its deactivated members. */
  readonly inactiveMembers: readonly string[];
}

/**
 * The group a ticket may be handed to: only groups of kind `assignment` are assignment groups here
 * (approval, CAB and on-call groups are kept in the projection, so a kind change takes effect with
 * their members, but are unknown to assignment: INCIDENT.UNKNOWN_GROUP), and only while their
 * organisation is active (INCIDENT.GROUP_NOT_ASSIGNABLE).
 */
export function assignableGroup(id: string, view: AssignmentGroupView | undefined): GroupRef {
  if (view === undefined || view.kind !== 'assignment') throw new IncidentError(IncidentErrorCode.UnknownGroup, `assignment group ${id} does not exist`);
  if (!view.organisationActive) {
    throw new IncidentError(IncidentErrorCode.GroupNotAssignable, `assignment group ${id} belongs to a deactivated organisation`, { groupId: id, orgId: view.orgId });
  }
  return { id: view.id, orgId: view.orgId, members: view.members, inactiveMembers: view.inactiveMembers };
}

/** The assignee (a token subject, compared case-insensitively) must be an active member of the group. */
export function checkAssignee(group: GroupRef, assigneeId: string | null): void {
  if (assigneeId === null) return;
  const userName = assigneeId.toLowerCase();
  if (group.members.includes(userName)) return;
  if (group.inactiveMembers?.includes(userName)) {
    throw new IncidentError(IncidentErrorCode.AssigneeInactive, `${assigneeId} is deactivated in the directory and can no longer be assigned`, { groupId: group.id, assigneeId });
  }
  throw new IncidentError(IncidentErrorCode.AssigneeNotInGroup, `${assigneeId} is not a member of group ${group.id}`, { groupId: group.id, assigneeId });
}
