/** Every way an incident or problem use case can fail, as a code that crosses process boundaries. */
export enum IncidentErrorCode {
  NotFound = 'INCIDENT.NOT_FOUND',
  IllegalTransition = 'INCIDENT.ILLEGAL_TRANSITION',
  InvalidInput = 'INCIDENT.INVALID_INPUT',
  Forbidden = 'INCIDENT.FORBIDDEN',
  UnknownGroup = 'INCIDENT.UNKNOWN_GROUP',
  AssigneeNotInGroup = 'INCIDENT.ASSIGNEE_NOT_IN_GROUP',
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

export class IncidentError extends Error {
  override readonly name = 'IncidentError';

  constructor(
    readonly code: IncidentErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean | null>> = {},
  ) {
    super(message);
  }
}
