import type { Type } from '@nestjs/common';
import { AddIncidentNoteHandler } from './commands/add-incident-note/add-incident-note.handler';
import { AddReplyCommentHandler } from './commands/add-reply-comment/add-reply-comment.handler';
import { ApplySupplierUpdateHandler } from './commands/apply-supplier-update/apply-supplier-update.handler';
import { AdvanceProblemHandler } from './commands/advance-problem/advance-problem.handler';
import { ApplyPriorityMatrixHandler } from './commands/apply-priority-matrix/apply-priority-matrix.handler';
import { AssignIncidentHandler } from './commands/assign-incident/assign-incident.handler';
import { AssignProblemHandler } from './commands/assign-problem/assign-problem.handler';
import { AutoCloseIncidentsHandler } from './commands/auto-close-incidents/auto-close-incidents.handler';
import { CancelIncidentHandler } from './commands/cancel-incident/cancel-incident.handler';
import { CancelProblemHandler } from './commands/cancel-problem/cancel-problem.handler';
import { ChangeIncidentImpactUrgencyHandler } from './commands/change-incident-impact-urgency/change-incident-impact-urgency.handler';
import { CloseIncidentHandler } from './commands/close-incident/close-incident.handler';
import { CloseProblemHandler } from './commands/close-problem/close-problem.handler';
import { ConsiderMajorIncidentHandler } from './commands/consider-major-incident/consider-major-incident.handler';
import { DeclineMajorIncidentHandler } from './commands/decline-major-incident/decline-major-incident.handler';
import { LinkIncidentHandler } from './commands/link-incident/link-incident.handler';
import { OpenIncidentHandler } from './commands/open-incident/open-incident.handler';
import { OpenProblemHandler } from './commands/open-problem/open-problem.handler';
import { ProjectDirectoryEventHandler } from './commands/project-directory-event/project-directory-event.handler';
import { PromoteMajorIncidentHandler } from './commands/promote-major-incident/promote-major-incident.handler';
import { ProposeMajorIncidentHandler } from './commands/propose-major-incident/propose-major-incident.handler';
import { PutIncidentOnHoldHandler } from './commands/put-incident-on-hold/put-incident-on-hold.handler';
import { RecordKnownErrorHandler } from './commands/record-known-error/record-known-error.handler';
import { ReopenIncidentHandler } from './commands/reopen-incident/reopen-incident.handler';
import { ResolveChildIncidentsHandler } from './commands/resolve-child-incidents/resolve-child-incidents.handler';
import { ResolveIncidentHandler } from './commands/resolve-incident/resolve-incident.handler';
import { ResolveIncidentsWaitingOnProblemHandler } from './commands/resolve-incidents-waiting-on-problem/resolve-incidents-waiting-on-problem.handler';
import { ResolveProblemHandler } from './commands/resolve-problem/resolve-problem.handler';
import { ResumeIncidentHandler } from './commands/resume-incident/resume-incident.handler';
import { SetIncidentParentHandler } from './commands/set-incident-parent/set-incident-parent.handler';
import { StartIncidentWorkHandler } from './commands/start-incident-work/start-incident-work.handler';
import { UnlinkIncidentHandler } from './commands/unlink-incident/unlink-incident.handler';
import { UpdatePriorityMatrixHandler } from './commands/update-priority-matrix/update-priority-matrix.handler';
import { CountIncidentsHandler } from './queries/count-incidents/count-incidents.handler';
import { FindIncidentHandler } from './queries/find-incident/find-incident.handler';
import { FindIncidentsHandler } from './queries/find-incidents/find-incidents.handler';
import { FindProblemHandler } from './queries/find-problem/find-problem.handler';
import { FindProblemsHandler } from './queries/find-problems/find-problems.handler';

/** One handler per use case of the incident context (the folder names are the business verbs). */
export const INCIDENT_HANDLERS: readonly Type[] = [
  // Incident lifecycle
  OpenIncidentHandler,
  AssignIncidentHandler,
  StartIncidentWorkHandler,
  PutIncidentOnHoldHandler,
  ResumeIncidentHandler,
  ResolveIncidentHandler,
  ReopenIncidentHandler,
  CloseIncidentHandler,
  CancelIncidentHandler,
  ChangeIncidentImpactUrgencyHandler,
  AddIncidentNoteHandler,
  AddReplyCommentHandler,
  ApplySupplierUpdateHandler,
  LinkIncidentHandler,
  UnlinkIncidentHandler,
  SetIncidentParentHandler,
  ProposeMajorIncidentHandler,
  PromoteMajorIncidentHandler,
  DeclineMajorIncidentHandler,
  // The platform's own rules
  ApplyPriorityMatrixHandler,
  UpdatePriorityMatrixHandler,
  AutoCloseIncidentsHandler,
  ResolveChildIncidentsHandler,
  ResolveIncidentsWaitingOnProblemHandler,
  ConsiderMajorIncidentHandler,
  // Problems
  OpenProblemHandler,
  AssignProblemHandler,
  AdvanceProblemHandler,
  RecordKnownErrorHandler,
  ResolveProblemHandler,
  CloseProblemHandler,
  CancelProblemHandler,
  // The directory's organisations, groups and people, projected
  ProjectDirectoryEventHandler,
  // Queries
  FindIncidentHandler,
  FindIncidentsHandler,
  CountIncidentsHandler,
  FindProblemHandler,
  FindProblemsHandler,
];
