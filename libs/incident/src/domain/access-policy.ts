import type { Incident, IncidentCommand, NoteKind } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';

/** Who is acting, as the access rules need it (roles as issued by the identity provider). */
export interface Viewer {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly orgId: string | undefined;
}

const INTERNAL = ['agent', 'incident-manager', 'problem-manager', 'admin'];
const MANAGERS = ['incident-manager', 'admin'];

export function isInternal(viewer: Viewer): boolean {
  return viewer.roles.some((role) => INTERNAL.includes(role));
}

/**
 * Which incidents a viewer may see: internal staff see all; a supplier agent sees only incidents
 * assigned to a group of its own organisation; a requester only the incidents it is the caller of.
 * The most privileged role wins.
 */
export type IncidentScope = { readonly kind: 'all' } | { readonly kind: 'assigned-org'; readonly orgId: string } | { readonly kind: 'caller'; readonly callerId: string } | { readonly kind: 'none' };

export function incidentScope(viewer: Viewer): IncidentScope {
  if (isInternal(viewer)) return { kind: 'all' };
  if (viewer.roles.includes('supplier-agent') && viewer.orgId !== undefined) return { kind: 'assigned-org', orgId: viewer.orgId };
  if (viewer.roles.includes('requester')) return { kind: 'caller', callerId: viewer.userId };
  return { kind: 'none' };
}

export function canView(viewer: Viewer, incident: Incident): boolean {
  const scope = incidentScope(viewer);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'assigned-org':
      return incident.assignedOrgId === scope.orgId;
    case 'caller':
      return incident.callerId === scope.callerId;
    case 'none':
      return false;
  }
}

/** Work notes are internal; comments are visible to everyone who may see the incident. */
export function visibleNoteKinds(viewer: Viewer): readonly NoteKind[] {
  return isInternal(viewer) ? ['work_note', 'comment'] : ['comment'];
}

/** The incident as the viewer may read it (every answer, query or mutation, goes through this). */
export function redactFor(viewer: Viewer, incident: Incident): Incident {
  const kinds = visibleNoteKinds(viewer);
  return { ...incident, notes: incident.notes.filter((note) => kinds.includes(note.kind)) };
}

/**
 * Whether the viewer may run the command on an incident it can see. Requesters may comment, cancel
 * their own open incidents, and accept (close) or reject (reopen) a resolution; supplier agents work
 * the tickets of their organisation (no priority, links, parents or major status); internal agents
 * everything but major-incident decisions, which belong to incident managers.
 */
export function mayRun(viewer: Viewer, incident: Incident, command: IncidentCommand): boolean {
  if (!canView(viewer, incident)) return false;
  const kind = command.kind;
  if (kind === 'promote-major' || kind === 'decline-major') return viewer.roles.some((role) => MANAGERS.includes(role));
  if (isInternal(viewer)) return true;
  if (viewer.roles.includes('supplier-agent') && incident.assignedOrgId === viewer.orgId) {
    switch (kind) {
      case 'assign':
        return command.group.orgId === viewer.orgId;
      case 'start-work':
      case 'put-on-hold':
      case 'resume':
      case 'resolve':
        return true;
      case 'add-note':
        return command.noteKind === 'comment';
      default:
        return false;
    }
  }
  if (incident.callerId === viewer.userId) {
    switch (kind) {
      case 'add-note':
        return command.noteKind === 'comment';
      case 'cancel':
      case 'reopen':
      case 'close':
        return true;
      default:
        return false;
    }
  }
  return false;
}

export function assertMayRun(viewer: Viewer, incident: Incident, command: IncidentCommand): void {
  if (!canView(viewer, incident)) {
    // Indistinguishable from a missing incident: no existence leak across organisations.
    throw new IncidentError(IncidentErrorCode.NotFound, `incident ${incident.id} not found`);
  }
  if (!mayRun(viewer, incident, command)) {
    throw new IncidentError(IncidentErrorCode.Forbidden, `you may not ${command.kind} incident ${incident.number}`, { action: command.kind });
  }
}

export function noteKindFor(viewer: Viewer, requested: NoteKind): NoteKind {
  if (requested === 'work_note' && !isInternal(viewer)) {
    throw new IncidentError(IncidentErrorCode.Forbidden, 'only internal staff write work notes');
  }
  return requested;
}
