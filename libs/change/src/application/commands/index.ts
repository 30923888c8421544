import { AuthoriseChangeHandler } from './authorise-change/authorise-change.handler';
import { CancelChangeHandler } from './cancel-change/cancel-change.handler';
import { CloseChangeHandler } from './close-change/close-change.handler';
import { CompleteChangeImplementationHandler } from './complete-change-implementation/complete-change-implementation.handler';
import { CreateChangeTemplateHandler } from './create-change-template/create-change-template.handler';
import { PublishChangeTemplateHandler } from './publish-change-template/publish-change-template.handler';
import { RejectChangeHandler } from './reject-change/reject-change.handler';
import { RequestChangeHandler } from './request-change/request-change.handler';
import { RequestChangeAuthorisationHandler } from './request-change-authorisation/request-change-authorisation.handler';
import { RequestStandardChangeHandler } from './request-standard-change/request-standard-change.handler';
import { RetireChangeTemplateHandler } from './retire-change-template/retire-change-template.handler';
import { RevertChangeToNewHandler } from './revert-change-to-new/revert-change-to-new.handler';
import { ReviewChangeHandler } from './review-change/review-change.handler';
import { ReviseChangeTemplateHandler } from './revise-change-template/revise-change-template.handler';
import { StartChangeImplementationHandler } from './start-change-implementation/start-change-implementation.handler';
import { SubmitChangeForAssessmentHandler } from './submit-change-for-assessment/submit-change-for-assessment.handler';
import { UpdateChangeHandler } from './update-change/update-change.handler';

export * from './authorise-change/authorise-change.command';
export * from './authorise-change/authorise-change.handler';
export * from './cancel-change/cancel-change.command';
export * from './cancel-change/cancel-change.handler';
export * from './close-change/close-change.command';
export * from './close-change/close-change.handler';
export * from './complete-change-implementation/complete-change-implementation.command';
export * from './complete-change-implementation/complete-change-implementation.handler';
export * from './create-change-template/create-change-template.command';
export * from './create-change-template/create-change-template.handler';
export * from './project-cmdb-event/project-cmdb-event.command';
export * from './project-cmdb-event/project-cmdb-event.handler';
export * from './project-directory-event/project-directory-event.command';
export * from './project-directory-event/project-directory-event.handler';
export * from './publish-change-template/publish-change-template.command';
export * from './publish-change-template/publish-change-template.handler';
export * from './reject-change/reject-change.command';
export * from './reject-change/reject-change.handler';
export * from './request-change/request-change.command';
export * from './request-change/request-change.handler';
export * from './request-change-authorisation/request-change-authorisation.command';
export * from './request-change-authorisation/request-change-authorisation.handler';
export * from './request-standard-change/request-standard-change.command';
export * from './request-standard-change/request-standard-change.handler';
export * from './retire-change-template/retire-change-template.command';
export * from './retire-change-template/retire-change-template.handler';
export * from './revert-change-to-new/revert-change-to-new.command';
export * from './revert-change-to-new/revert-change-to-new.handler';
export * from './review-change/review-change.command';
export * from './review-change/review-change.handler';
export * from './revise-change-template/revise-change-template.command';
export * from './revise-change-template/revise-change-template.handler';
export * from './start-change-implementation/start-change-implementation.command';
export * from './start-change-implementation/start-change-implementation.handler';
export * from './submit-change-for-assessment/submit-change-for-assessment.command';
export * from './submit-change-for-assessment/submit-change-for-assessment.handler';
export * from './update-change/update-change.command';
export * from './update-change/update-change.handler';

/** One handler per business verb (application/commands/<verb-noun>/); the projection handlers are registered with the projections (change-projections.ts). */
export const CHANGE_COMMAND_HANDLERS = [
  AuthoriseChangeHandler,
  CancelChangeHandler,
  CloseChangeHandler,
  CompleteChangeImplementationHandler,
  CreateChangeTemplateHandler,
  PublishChangeTemplateHandler,
  RejectChangeHandler,
  RequestChangeHandler,
  RequestChangeAuthorisationHandler,
  RequestStandardChangeHandler,
  RetireChangeTemplateHandler,
  RevertChangeToNewHandler,
  ReviewChangeHandler,
  ReviseChangeTemplateHandler,
  StartChangeImplementationHandler,
  SubmitChangeForAssessmentHandler,
  UpdateChangeHandler,
];
