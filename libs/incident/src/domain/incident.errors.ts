import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';

/** Every way an incident or problem use case can fail, as a code that crosses process boundaries. */
export enum IncidentErrorCode {
  NotFound = 'INCIDENT.NOT_FOUND',
  IllegalTransition = 'INCIDENT.ILLEGAL_TRANSITION',
  InvalidInput = 'INCIDENT.INVALID_INPUT',
  Forbidden = 'INCIDENT.FORBIDDEN',
  UnknownGroup = 'INCIDENT.UNKNOWN_GROUP',
  AssigneeNotInGroup = 'INCIDENT.ASSIGNEE_NOT_IN_GROUP',
  /** The assignee is a member but deactivated in the directory: out of assignment (their tickets keep them). */
  AssigneeInactive = 'INCIDENT.ASSIGNEE_INACTIVE',
  /** The group exists but takes no new work (its organisation is deactivated in the directory). */
  GroupNotAssignable = 'INCIDENT.GROUP_NOT_ASSIGNABLE',
  /** A directory event the projection cannot apply (its subject does not name its record). */
  InvalidDirectoryEvent = 'INCIDENT.INVALID_DIRECTORY_EVENT',
  HoldRequiresProblem = 'INCIDENT.HOLD_REQUIRES_PROBLEM',
  InvalidParent = 'INCIDENT.INVALID_PARENT',
  AlreadyLinked = 'INCIDENT.ALREADY_LINKED',
  NotLinked = 'INCIDENT.NOT_LINKED',
  InvalidMatrix = 'INCIDENT.INVALID_PRIORITY_MATRIX',
  MajorNotProposed = 'INCIDENT.MAJOR_NOT_PROPOSED',
  Conflict = 'INCIDENT.CONFLICT',
  ProblemNotFound = 'PROBLEM.NOT_FOUND',
  ProblemIllegalTransition = 'PROBLEM.ILLEGAL_TRANSITION',
}

export class IncidentError extends CodedError<IncidentErrorCode> {
  override readonly name = 'IncidentError';
}

/** What each code means to a caller (GraphQL filter, dead-letter decisions); exhaustive by type. */
export const INCIDENT_ERROR_KINDS: ErrorKinds<IncidentErrorCode> = {
  [IncidentErrorCode.NotFound]: 'not_found',
  [IncidentErrorCode.IllegalTransition]: 'illegal_state',
  [IncidentErrorCode.InvalidInput]: 'invalid_input',
  [IncidentErrorCode.Forbidden]: 'forbidden',
  [IncidentErrorCode.UnknownGroup]: 'invalid_input',
  [IncidentErrorCode.AssigneeNotInGroup]: 'invalid_input',
  [IncidentErrorCode.AssigneeInactive]: 'invalid_input',
  [IncidentErrorCode.GroupNotAssignable]: 'invalid_input',
  [IncidentErrorCode.InvalidDirectoryEvent]: 'invalid_input',
  [IncidentErrorCode.HoldRequiresProblem]: 'illegal_state',
  [IncidentErrorCode.InvalidParent]: 'invalid_input',
  [IncidentErrorCode.AlreadyLinked]: 'illegal_state',
  [IncidentErrorCode.NotLinked]: 'illegal_state',
  [IncidentErrorCode.InvalidMatrix]: 'invalid_input',
  [IncidentErrorCode.MajorNotProposed]: 'illegal_state',
  [IncidentErrorCode.Conflict]: 'conflict',
  [IncidentErrorCode.ProblemNotFound]: 'not_found',
  [IncidentErrorCode.ProblemIllegalTransition]: 'illegal_state',
};
