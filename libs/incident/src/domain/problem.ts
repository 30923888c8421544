import type { EventTypeOf, PayloadOf, problemTopic } from '@itsm/contracts';
import type { GroupRef } from './assignment-group';
import { checkAssignee } from './assignment-group';
import type { Actor } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import type { Level, Priority, PriorityMatrix } from './priority-matrix';
import { priorityOf } from './priority-matrix';

export const PROBLEM_STATES = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
/** The states a problem advances through before resolution. */
export const PROBLEM_STAGES = ['assess', 'root_cause_analysis', 'fix_in_progress'] as const;
export type ProblemStage = (typeof PROBLEM_STAGES)[number];

type ProblemTopic = typeof problemTopic;
export type ProblemEventType = EventTypeOf<ProblemTopic>;
export type ProblemEvent = { [T in ProblemEventType]: { readonly type: T; readonly data: PayloadOf<ProblemTopic, T> } }[ProblemEventType];

export interface KnownError {
  readonly symptom: string;
  readonly rootCause: string;
  readonly workaround: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export interface Problem {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  readonly state: ProblemState;
  readonly assignmentGroupId: string | null;
  readonly assignedOrgId: string | null;
  readonly assigneeId: string | null;
  readonly serviceId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly knownError: KnownError | null;
  readonly resolutionNotes: string | null;
  readonly fixChangeId: string | null;
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly sequence: number;
}

export interface OpenProblemInput {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly group: GroupRef | null;
  readonly serviceId: string | null;
  readonly configurationItemIds: readonly string[];
}

export type ProblemCommand =
  | { readonly kind: 'assign'; readonly group: GroupRef; readonly assigneeId: string | null }
  | { readonly kind: 'advance'; readonly to: ProblemStage }
  | { readonly kind: 'record-known-error'; readonly symptom: string; readonly rootCause: string; readonly workaround: string }
  | { readonly kind: 'resolve'; readonly notes: string; readonly fixChangeId: string | null }
  | { readonly kind: 'close' }
  | { readonly kind: 'cancel'; readonly reason: string };

/** ITIL's problem path: each state may move to the next ones only (skipping ahead is allowed, going back is not). */
const ORDER: readonly ProblemState[] = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed'];

function illegal(problem: Problem, action: string): IncidentError {
  return new IncidentError(IncidentErrorCode.ProblemIllegalTransition, `cannot ${action} problem ${problem.number} in state ${problem.state}`, {
    state: problem.state,
    action,
  });
}

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw new IncidentError(IncidentErrorCode.InvalidInput, `${field} must have 1 to ${max} characters`, { field });
  }
  return trimmed;
}

export function openProblem(input: OpenProblemInput, matrix: PriorityMatrix, actor: Actor): { problem: Problem; events: ProblemEvent[] } {
  if (input.description.length > 20_000) {
    throw new IncidentError(IncidentErrorCode.InvalidInput, 'description must have at most 20000 characters', { field: 'description' });
  }
  const event: ProblemEvent = {
    type: 'itsm.problem.opened.v1',
    data: {
      number: input.number,
      title: text(input.title, 'title', 200),
      description: input.description,
      impact: input.impact,
      urgency: input.urgency,
      priority: priorityOf(matrix, input.impact, input.urgency),
      assignmentGroupId: input.group?.id ?? null,
      serviceId: input.serviceId,
      configurationItemIds: [...new Set(input.configurationItemIds)],
      state: 'new',
      by: actor.by,
      at: actor.at.toISOString(),
    },
  };
  const problem = evolveProblem(undefined, event, input.id);
  return { problem, events: [event] };
}

export function decideProblem(problem: Problem, command: ProblemCommand, actor: Actor): ProblemEvent[] {
  const base = { by: actor.by, at: actor.at.toISOString() };
  const open = !['resolved', 'closed', 'canceled'].includes(problem.state);
  switch (command.kind) {
    case 'assign':
      if (!open) throw illegal(problem, 'assign');
      checkAssignee(command.group, command.assigneeId);
      return [{ type: 'itsm.problem.assigned.v1', data: { groupId: command.group.id, orgId: command.group.orgId, assigneeId: command.assigneeId, state: problem.state, ...base } }];
    case 'advance':
      if (!open || ORDER.indexOf(command.to) <= ORDER.indexOf(problem.state)) throw illegal(problem, `move to ${command.to}`);
      return [{ type: 'itsm.problem.advanced.v1', data: { from: problem.state, state: command.to, ...base } }];
    case 'record-known-error':
      if (!open) throw illegal(problem, 'record a known error on');
      return [
        {
          type: 'itsm.problem.known-error-recorded.v1',
          data: {
            symptom: text(command.symptom, 'symptom', 20_000),
            rootCause: text(command.rootCause, 'rootCause', 20_000),
            workaround: text(command.workaround, 'workaround', 20_000),
            state: problem.state,
            ...base,
          },
        },
      ];
    case 'resolve':
      if (problem.state !== 'root_cause_analysis' && problem.state !== 'fix_in_progress') throw illegal(problem, 'resolve');
      return [{ type: 'itsm.problem.resolved.v1', data: { resolutionNotes: text(command.notes, 'resolutionNotes', 20_000), fixChangeId: command.fixChangeId, state: 'resolved', ...base } }];
    case 'close':
      if (problem.state !== 'resolved') throw illegal(problem, 'close');
      return [{ type: 'itsm.problem.closed.v1', data: { state: 'closed', ...base } }];
    case 'cancel':
      if (!open) throw illegal(problem, 'cancel');
      return [{ type: 'itsm.problem.canceled.v1', data: { reason: text(command.reason, 'reason', 2_000), state: 'canceled', ...base } }];
  }
}

export function evolveProblem(problem: Problem | undefined, event: ProblemEvent, id?: string): Problem {
  const at = new Date(event.data.at);
  if (event.type === 'itsm.problem.opened.v1') {
    const d = event.data;
    return {
      id: id ?? problem?.id ?? '',
      number: d.number,
      title: d.title,
      description: d.description,
      impact: d.impact as Level,
      urgency: d.urgency as Level,
      priority: d.priority as Priority,
      state: 'new',
      assignmentGroupId: d.assignmentGroupId,
      assignedOrgId: null,
      assigneeId: null,
      serviceId: d.serviceId,
      configurationItemIds: d.configurationItemIds,
      knownError: null,
      resolutionNotes: null,
      fixChangeId: null,
      openedBy: d.by,
      openedAt: at,
      updatedAt: at,
      sequence: 1,
    };
  }
  if (problem === undefined) throw new Error(`${event.type} before the problem was opened`);
  const next = { ...problem, state: event.data.state, updatedAt: at, sequence: problem.sequence + 1 };
  switch (event.type) {
    case 'itsm.problem.assigned.v1':
      return { ...next, assignmentGroupId: event.data.groupId, assignedOrgId: event.data.orgId, assigneeId: event.data.assigneeId };
    case 'itsm.problem.advanced.v1':
      return next;
    case 'itsm.problem.known-error-recorded.v1':
      return { ...next, knownError: { symptom: event.data.symptom, rootCause: event.data.rootCause, workaround: event.data.workaround, recordedBy: event.data.by, recordedAt: at } };
    case 'itsm.problem.resolved.v1':
      return { ...next, resolutionNotes: event.data.resolutionNotes, fixChangeId: event.data.fixChangeId };
    case 'itsm.problem.closed.v1':
    case 'itsm.problem.canceled.v1':
      return next;
  }
}

export function executeProblem(problem: Problem, command: ProblemCommand, actor: Actor): { problem: Problem; events: ProblemEvent[] } {
  const events = decideProblem(problem, command, actor);
  return { problem: events.reduce<Problem>((current, event) => evolveProblem(current, event), problem), events };
}
