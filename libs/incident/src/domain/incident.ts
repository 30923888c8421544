import type { EventTypeOf, PayloadOf, incidentTopic } from '@itsm/contracts';
import type { GroupRef } from './assignment-group';
import { checkAssignee } from './assignment-group';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import type { Level, Priority, PriorityMatrix } from './priority-matrix';
import { priorityOf } from './priority-matrix';

export const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const HOLD_REASONS = ['awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
export const LINK_KINDS = ['configuration_item', 'service', 'problem', 'change'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const NOTE_KINDS = ['work_note', 'comment'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const MAJOR_STATUSES = ['none', 'proposed', 'promoted', 'declined'] as const;
export type MajorStatus = (typeof MAJOR_STATUSES)[number];
export const RESOLUTION_CAUSES = ['manual', 'parent', 'problem'] as const;
export type ResolutionCause = (typeof RESOLUTION_CAUSES)[number];
/** What an organisation is to the service provider (reference data). */
export const ORGANISATION_KINDS = ['internal', 'customer', 'supplier'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

type IncidentTopic = typeof incidentTopic;
export type IncidentEventType = EventTypeOf<IncidentTopic>;
/** A domain event: the payload the incident topic carries, before it is wrapped in an envelope. */
export type IncidentEvent = { [T in IncidentEventType]: { readonly type: T; readonly data: PayloadOf<IncidentTopic, T> } }[IncidentEventType];

export interface Note {
  readonly id: string;
  readonly kind: NoteKind;
  readonly body: string;
  readonly authorId: string;
  readonly at: Date;
}

export interface Resolution {
  readonly code: string;
  readonly notes: string;
  readonly by: string;
  readonly at: Date;
  readonly cause: ResolutionCause;
  readonly causeId: string | null;
}

export interface Incident {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly callerId: string;
  readonly callerOrgId: string | null;
  readonly category: string | null;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly state: IncidentState;
  readonly holdReason: HoldReason | null;
  readonly assignmentGroupId: string | null;
  readonly assignedOrgId: string | null;
  readonly assigneeId: string | null;
  /**
   * The group that had the incident before its current group (null: none did). A supplier that rejects
   * a ticket hands it back to this group (ServiceNow's vendor rejection returns the ticket where it came from).
   */
  readonly previousAssignmentGroupId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly problemId: string | null;
  readonly causedByChangeId: string | null;
  readonly parentId: string | null;
  readonly major: MajorStatus;
  readonly majorReasons: readonly string[];
  readonly resolution: Resolution | null;
  readonly reopenCount: number;
  readonly lastReopenedBy: string | null;
  readonly lastReopenedAt: Date | null;
  readonly notes: readonly Note[];
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
  /** Sequence of the last event of this incident's stream (the envelope `sequence`). */
  readonly sequence: number;
}


export interface Actor {
  readonly by: string;
  readonly at: Date;
}

export interface OpenIncidentInput {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly callerId: string;
  readonly callerOrgId: string | null;
  readonly category: string | null;
  readonly impact: Level;
  readonly urgency: Level;
  readonly serviceId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly group: GroupRef | null;
  readonly assigneeId: string | null;
}

export type IncidentCommand =
  | { readonly kind: 'assign'; readonly group: GroupRef; readonly assigneeId: string | null }
  | { readonly kind: 'start-work' }
  | { readonly kind: 'put-on-hold'; readonly reason: HoldReason }
  | { readonly kind: 'resume'; readonly trigger: 'manual' | 'caller_reply' }
  | { readonly kind: 'resolve'; readonly code: string; readonly notes: string; readonly cause: ResolutionCause; readonly causeId: string | null }
  | { readonly kind: 'reopen'; readonly reason: string }
  | { readonly kind: 'close'; readonly automatic: boolean }
  | { readonly kind: 'cancel'; readonly reason: string }
  | { readonly kind: 'change-impact-urgency'; readonly impact: Level; readonly urgency: Level; readonly matrix: PriorityMatrix }
  | { readonly kind: 'apply-matrix'; readonly matrix: PriorityMatrix }
  | { readonly kind: 'add-note'; readonly noteId: string; readonly noteKind: NoteKind; readonly body: string }
  | { readonly kind: 'link'; readonly linkKind: LinkKind; readonly targetId: string }
  | { readonly kind: 'unlink'; readonly linkKind: LinkKind; readonly targetId: string }
  | { readonly kind: 'set-parent'; readonly parent: ParentCandidate | null; readonly hasChildren: boolean }
  | { readonly kind: 'propose-major'; readonly reasons: readonly string[] }
  | { readonly kind: 'promote-major' }
  | { readonly kind: 'decline-major'; readonly reason: string };

export interface ParentCandidate {
  readonly id: string;
  readonly parentId: string | null;
  readonly state: IncidentState;
}

const ACTIVE: readonly IncidentState[] = ['new', 'in_progress', 'on_hold'];
const FINAL: readonly IncidentState[] = ['closed', 'canceled'];

export function isActive(state: IncidentState): boolean {
  return ACTIVE.includes(state);
}

export function isFinal(state: IncidentState): boolean {
  return FINAL.includes(state);
}

function illegal(incident: Incident, action: string): IncidentError {
  return new IncidentError(IncidentErrorCode.IllegalTransition, `cannot ${action} incident ${incident.number} in state ${incident.state}`, {
    state: incident.state,
    action,
  });
}

function requireState(incident: Incident, action: string, allowed: readonly IncidentState[]): void {
  if (!allowed.includes(incident.state)) throw illegal(incident, action);
}

function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw new IncidentError(IncidentErrorCode.InvalidInput, `${field} must have 1 to ${max} characters`, { field });
  }
  return text;
}


/** Opens an incident: its state and the `opened` event (plus `work-started` when an assignee takes it at once). */
export function openIncident(input: OpenIncidentInput, matrix: PriorityMatrix, actor: Actor): { incident: Incident; events: IncidentEvent[] } {
  const title = requireText(input.title, 'title', 200);
  if (input.description.length > 20_000) {
    throw new IncidentError(IncidentErrorCode.InvalidInput, 'description must have at most 20000 characters', { field: 'description' });
  }
  if (input.assigneeId !== null && input.group === null) {
    throw new IncidentError(IncidentErrorCode.InvalidInput, 'an assignee needs an assignment group', { field: 'assigneeId' });
  }
  if (input.group) checkAssignee(input.group, input.assigneeId);
  const priority = priorityOf(matrix, input.impact, input.urgency);
  const at = actor.at.toISOString();
  const opened: IncidentEvent = {
    type: 'itsm.incident.opened.v1',
    data: {
      number: input.number,
      title,
      description: input.description,
      callerId: input.callerId,
      callerOrgId: input.callerOrgId,
      impact: input.impact,
      urgency: input.urgency,
      priority,
      category: input.category,
      serviceId: input.serviceId,
      configurationItemIds: [...new Set(input.configurationItemIds)],
      assignmentGroupId: input.group?.id ?? null,
      assignedOrgId: input.group?.orgId ?? null,
      assigneeId: input.assigneeId,
      state: 'new',
      by: actor.by,
      at,
    },
  };
  const incident = evolveIncident(undefined, opened, input.id);
  if (input.assigneeId === null) return { incident, events: [opened] };
  const started = decideIncident(incident, { kind: 'start-work' }, actor);
  return { incident: started.reduce<Incident>((current, event) => evolveIncident(current, event), incident), events: [opened, ...started] };
}

/** Decides which events a command produces on an incident; throws IncidentError when it is not allowed. */
export function decideIncident(incident: Incident, command: IncidentCommand, actor: Actor): IncidentEvent[] {
  const base = { by: actor.by, at: actor.at.toISOString() };
  if (isFinal(incident.state)) throw illegal(incident, command.kind);
  switch (command.kind) {
    case 'assign': {
      requireState(incident, 'assign', ACTIVE);
      checkAssignee(command.group, command.assigneeId);
      if (command.group.id === incident.assignmentGroupId && command.assigneeId === incident.assigneeId) return [];
      const assigned: IncidentEvent = {
        type: 'itsm.incident.assigned.v1',
        data: {
          groupId: command.group.id,
          orgId: command.group.orgId,
          assigneeId: command.assigneeId,
          previousGroupId: incident.assignmentGroupId,
          previousOrgId: incident.assignedOrgId,
          previousAssigneeId: incident.assigneeId,
          state: incident.state,
          ...base,
        },
      };
      // Someone taking a new ticket starts working on it (ServiceNow's assignment rule).
      if (incident.state === 'new' && command.assigneeId !== null) {
        return [assigned, { type: 'itsm.incident.work-started.v1', data: { state: 'in_progress', ...base } }];
      }
      return [assigned];
    }
    case 'start-work':
      requireState(incident, 'start work on', ['new']);
      return [{ type: 'itsm.incident.work-started.v1', data: { state: 'in_progress', ...base } }];
    case 'put-on-hold':
      requireState(incident, 'put on hold', ['new', 'in_progress']);
      if (command.reason === 'awaiting_problem' && incident.problemId === null) {
        throw new IncidentError(IncidentErrorCode.HoldRequiresProblem, `link incident ${incident.number} to a problem before waiting on it`);
      }
      return [{ type: 'itsm.incident.put-on-hold.v1', data: { reason: command.reason, state: 'on_hold', ...base } }];
    case 'resume':
      requireState(incident, 'resume', ['on_hold']);
      return [{ type: 'itsm.incident.resumed.v1', data: { trigger: command.trigger, state: 'in_progress', ...base } }];
    case 'resolve':
      requireState(incident, 'resolve', ACTIVE);
      return [
        {
          type: 'itsm.incident.resolved.v1',
          data: {
            resolutionCode: requireText(command.code, 'resolutionCode', 80),
            resolutionNotes: requireText(command.notes, 'resolutionNotes', 20_000),
            cause: command.cause,
            causeId: command.causeId,
            state: 'resolved',
            ...base,
          },
        },
      ];
    case 'reopen':
      requireState(incident, 'reopen', ['resolved']);
      return [
        {
          type: 'itsm.incident.reopened.v1',
          data: { reason: requireText(command.reason, 'reason', 2_000), reopenCount: incident.reopenCount + 1, state: 'in_progress', ...base },
        },
      ];
    case 'close':
      requireState(incident, 'close', ['resolved']);
      return [{ type: 'itsm.incident.closed.v1', data: { automatic: command.automatic, state: 'closed', ...base } }];
    case 'cancel':
      requireState(incident, 'cancel', ACTIVE);
      return [{ type: 'itsm.incident.canceled.v1', data: { reason: requireText(command.reason, 'reason', 2_000), state: 'canceled', ...base } }];
    case 'change-impact-urgency':
      requireState(incident, 'change the priority of', ACTIVE);
      return reprioritise(incident, command.impact, command.urgency, command.matrix, 'impact_urgency', base);
    case 'apply-matrix':
      requireState(incident, 're-prioritise', ACTIVE);
      return reprioritise(incident, incident.impact, incident.urgency, command.matrix, 'matrix_change', base);
    case 'add-note':
      return addNote(incident, command.noteId, command.noteKind, command.body, base);
    case 'link':
      requireState(incident, 'link', [...ACTIVE, 'resolved']);
      if (linkedIds(incident, command.linkKind).includes(command.targetId)) {
        throw new IncidentError(IncidentErrorCode.AlreadyLinked, `${command.linkKind} ${command.targetId} is already linked to ${incident.number}`);
      }
      if ((command.linkKind === 'problem' || command.linkKind === 'change') && linkedIds(incident, command.linkKind).length > 0) {
        throw new IncidentError(IncidentErrorCode.AlreadyLinked, `incident ${incident.number} already has a ${command.linkKind}: unlink it first`);
      }
      return [{ type: 'itsm.incident.linked.v1', data: { kind: command.linkKind, targetId: command.targetId, state: incident.state, ...base } }];
    case 'unlink':
      requireState(incident, 'unlink', [...ACTIVE, 'resolved']);
      if (!linkedIds(incident, command.linkKind).includes(command.targetId)) {
        throw new IncidentError(IncidentErrorCode.NotLinked, `${command.linkKind} ${command.targetId} is not linked to ${incident.number}`);
      }
      if (command.linkKind === 'problem' && incident.state === 'on_hold' && incident.holdReason === 'awaiting_problem') {
        throw new IncidentError(IncidentErrorCode.HoldRequiresProblem, `incident ${incident.number} waits on this problem: resume it first`);
      }
      return [{ type: 'itsm.incident.unlinked.v1', data: { kind: command.linkKind, targetId: command.targetId, state: incident.state, ...base } }];
    case 'set-parent':
      return setParent(incident, command.parent, command.hasChildren, base);
    case 'propose-major': {
      requireState(incident, 'propose as major', ACTIVE);
      if (incident.major !== 'none') return [];
      // The contract carries 1 to 10 reasons of 1 to 200 characters each.
      if (command.reasons.length === 0 || command.reasons.length > 10) {
        throw new IncidentError(IncidentErrorCode.InvalidInput, 'a major-incident proposal needs 1 to 10 reasons', { field: 'reasons' });
      }
      const reasons = command.reasons.map((reason) => requireText(reason, 'reasons', 200));
      return [{ type: 'itsm.incident.major-proposed.v1', data: { reasons, state: incident.state, ...base } }];
    }
    case 'promote-major':
      requireState(incident, 'promote to major', ACTIVE);
      if (incident.major === 'promoted') return [];
      return [{ type: 'itsm.incident.major-promoted.v1', data: { state: incident.state, ...base } }];
    case 'decline-major':
      if (incident.major !== 'proposed') {
        throw new IncidentError(IncidentErrorCode.MajorNotProposed, `incident ${incident.number} is not proposed as a major incident`);
      }
      return [{ type: 'itsm.incident.major-declined.v1', data: { reason: requireText(command.reason, 'reason', 2_000), state: incident.state, ...base } }];
  }
}

type Base = { readonly by: string; readonly at: string };

function reprioritise(incident: Incident, impact: Level, urgency: Level, matrix: PriorityMatrix, cause: 'impact_urgency' | 'matrix_change', base: Base): IncidentEvent[] {
  const priority = priorityOf(matrix, impact, urgency);
  if (impact === incident.impact && urgency === incident.urgency && priority === incident.priority) return [];
  return [
    {
      type: 'itsm.incident.reprioritised.v1',
      data: {
        impact,
        urgency,
        priority,
        previousImpact: incident.impact,
        previousUrgency: incident.urgency,
        previousPriority: incident.priority,
        cause,
        state: incident.state,
        ...base,
      },
    },
  ];
}

function addNote(incident: Incident, noteId: string, kind: NoteKind, body: string, base: Base): IncidentEvent[] {
  const note: IncidentEvent = {
    type: 'itsm.incident.note-added.v1',
    data: { noteId, kind, body: requireText(body, 'body', 20_000), state: incident.state, ...base },
  };
  // A caller's reply to a ticket waiting on the caller puts it back in progress.
  const callerReply = kind === 'comment' && base.by === incident.callerId && incident.state === 'on_hold' && incident.holdReason === 'awaiting_caller';
  if (!callerReply) return [note];
  return [note, { type: 'itsm.incident.resumed.v1', data: { trigger: 'caller_reply', state: 'in_progress', ...base } }];
}

function setParent(incident: Incident, parent: ParentCandidate | null, hasChildren: boolean, base: Base): IncidentEvent[] {
  requireState(incident, 'change the parent of', ACTIVE);
  if (parent !== null) {
    const reason =
      parent.id === incident.id
        ? 'an incident cannot be its own parent'
        : parent.parentId !== null
          ? 'the parent is itself a child incident'
          : hasChildren
            ? 'an incident with children cannot become a child'
            : !isActive(parent.state)
              ? `the parent is ${parent.state}`
              : undefined;
    if (reason) throw new IncidentError(IncidentErrorCode.InvalidParent, reason, { parentId: parent.id });
  }
  const parentId = parent?.id ?? null;
  if (parentId === incident.parentId) return [];
  return [{ type: 'itsm.incident.parent-changed.v1', data: { parentId, previousParentId: incident.parentId, state: incident.state, ...base } }];
}

export function linkedIds(incident: Incident, kind: LinkKind): readonly string[] {
  switch (kind) {
    case 'configuration_item':
      return incident.configurationItemIds;
    case 'service':
      return incident.serviceIds;
    case 'problem':
      return incident.problemId === null ? [] : [incident.problemId];
    case 'change':
      return incident.causedByChangeId === null ? [] : [incident.causedByChangeId];
  }
}

function withLink(incident: Incident, kind: LinkKind, targetId: string, add: boolean): Partial<Incident> {
  const toggle = (ids: readonly string[]) => (add ? [...ids, targetId] : ids.filter((id) => id !== targetId));
  switch (kind) {
    case 'configuration_item':
      return { configurationItemIds: toggle(incident.configurationItemIds) };
    case 'service':
      return { serviceIds: toggle(incident.serviceIds) };
    case 'problem':
      return { problemId: add ? targetId : null };
    case 'change':
      return { causedByChangeId: add ? targetId : null };
  }
}

/** Applies one event to the incident (the `opened` event creates it). Pure and total. */
export function evolveIncident(incident: Incident | undefined, event: IncidentEvent, id?: string): Incident {
  const at = new Date(event.data.at);
  if (event.type === 'itsm.incident.opened.v1') {
    const d = event.data;
    return {
      id: id ?? incident?.id ?? '',
      number: d.number,
      title: d.title,
      description: d.description,
      callerId: d.callerId,
      callerOrgId: d.callerOrgId,
      category: d.category,
      impact: d.impact as Level,
      urgency: d.urgency as Level,
      priority: d.priority as Priority,
      state: 'new',
      holdReason: null,
      assignmentGroupId: d.assignmentGroupId,
      assignedOrgId: d.assignedOrgId,
      assigneeId: d.assigneeId,
      previousAssignmentGroupId: null,
      configurationItemIds: d.configurationItemIds,
      serviceIds: d.serviceId === null ? [] : [d.serviceId],
      problemId: null,
      causedByChangeId: null,
      parentId: null,
      major: 'none',
      majorReasons: [],
      resolution: null,
      reopenCount: 0,
      lastReopenedBy: null,
      lastReopenedAt: null,
      notes: [],
      openedBy: d.by,
      openedAt: at,
      updatedAt: at,
      closedAt: null,
      sequence: 1,
    };
  }
  if (incident === undefined) throw new Error(`${event.type} before the incident was opened`);
  const next = { ...incident, state: event.data.state, updatedAt: at, sequence: incident.sequence + 1 };
  switch (event.type) {
    case 'itsm.incident.assigned.v1':
      return {
        ...next,
        assignmentGroupId: event.data.groupId,
        assignedOrgId: event.data.orgId,
        assigneeId: event.data.assigneeId,
        // Another assignee in the same group keeps where the ticket came from.
        previousAssignmentGroupId: event.data.previousGroupId === event.data.groupId ? incident.previousAssignmentGroupId : event.data.previousGroupId,
      };
    case 'itsm.incident.work-started.v1':
      return next;
    case 'itsm.incident.put-on-hold.v1':
      return { ...next, holdReason: event.data.reason };
    case 'itsm.incident.resumed.v1':
      return { ...next, holdReason: null };
    case 'itsm.incident.resolved.v1': {
      const d = event.data;
      return { ...next, holdReason: null, resolution: { code: d.resolutionCode, notes: d.resolutionNotes, by: d.by, at, cause: d.cause, causeId: d.causeId } };
    }
    case 'itsm.incident.reopened.v1':
      return { ...next, resolution: null, reopenCount: event.data.reopenCount, lastReopenedBy: event.data.by, lastReopenedAt: at };
    case 'itsm.incident.closed.v1':
      return { ...next, closedAt: at };
    case 'itsm.incident.canceled.v1':
      return { ...next, holdReason: null, closedAt: at };
    case 'itsm.incident.reprioritised.v1':
      return { ...next, impact: event.data.impact as Level, urgency: event.data.urgency as Level, priority: event.data.priority as Priority };
    case 'itsm.incident.note-added.v1':
      return { ...next, notes: [...incident.notes, { id: event.data.noteId, kind: event.data.kind, body: event.data.body, authorId: event.data.by, at }] };
    case 'itsm.incident.linked.v1':
      return { ...next, ...withLink(incident, event.data.kind, event.data.targetId, true) };
    case 'itsm.incident.unlinked.v1':
      return { ...next, ...withLink(incident, event.data.kind, event.data.targetId, false) };
    case 'itsm.incident.parent-changed.v1':
      return { ...next, parentId: event.data.parentId };
    case 'itsm.incident.major-proposed.v1':
      return { ...next, major: 'proposed', majorReasons: event.data.reasons };
    case 'itsm.incident.major-promoted.v1':
      return { ...next, major: 'promoted' };
    case 'itsm.incident.major-declined.v1':
      return { ...next, major: 'declined' };
  }
}

/** Runs a command: the events it produces and the state after them. */
export function executeIncident(incident: Incident, command: IncidentCommand, actor: Actor): { incident: Incident; events: IncidentEvent[] } {
  const events = decideIncident(incident, command, actor);
  return { incident: events.reduce<Incident>((current, event) => evolveIncident(current, event), incident), events };
}

/** Auto-close rule: a resolved incident closes `days` full days after it was resolved. */
export function isAutoCloseDue(incident: Incident, now: Date, days: number): boolean {
  return incident.state === 'resolved' && incident.resolution !== null && now.getTime() - incident.resolution.at.getTime() >= days * 86_400_000;
}
