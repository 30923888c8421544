import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import {
  CancelChangeCommand,
  CancelChangeHandler,
  CloseChangeCommand,
  CloseChangeHandler,
  CompleteChangeImplementationCommand,
  CompleteChangeImplementationHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  ReviewChangeCommand,
  ReviewChangeHandler,
  RevertChangeToNewCommand,
  RevertChangeToNewHandler,
  StartChangeImplementationCommand,
  StartChangeImplementationHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from '../application/commands';
import { toChangeGql } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_CANCELERS, CHANGE_EDITORS, CHANGE_MANAGERS, CHANGE_WORKERS } from './change-role-sets';
import { ChangeReasonInput, CloseChangeInput, ReviewChangeInput } from './change.inputs';
import { ChangeGql } from './change.types';

/** A change's moves through its lifecycle (authorisation itself is the approval engine's and the CAB's). */
@Resolver(() => ChangeGql)
@UseFilters(changeErrorFilter)
export class ChangeLifecycleResolver {
  constructor(
    private readonly submit: SubmitChangeForAssessmentHandler,
    private readonly requestAuth: RequestChangeAuthorisationHandler,
    private readonly start: StartChangeImplementationHandler,
    private readonly complete: CompleteChangeImplementationHandler,
    private readonly closer: CloseChangeHandler,
    private readonly canceler: CancelChangeHandler,
    private readonly reverter: RevertChangeToNewHandler,
    private readonly reviewer: ReviewChangeHandler,
  ) {}

  @Mutation(() => ChangeGql, { description: 'Normal changes: New -> Assess' })
  @Roles(...CHANGE_EDITORS)
  async submitForAssessment(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeGql> {
    return toChangeGql(await this.submit.execute(viewer, new SubmitChangeForAssessmentCommand(id)));
  }

  @Mutation(() => ChangeGql, { description: 'Normal from Assess, emergency from New -> Authorize (plans and planned window required)' })
  @Roles(...CHANGE_EDITORS)
  async requestAuthorisation(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeGql> {
    return toChangeGql(await this.requestAuth.execute(viewer, new RequestChangeAuthorisationCommand(id)));
  }

  @Mutation(() => ChangeGql, { description: 'Scheduled -> Implement (emergency also from Authorize, before authorisation)' })
  @Roles(...CHANGE_WORKERS)
  async startImplementation(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeGql> {
    return toChangeGql(await this.start.execute(viewer, new StartChangeImplementationCommand(id)));
  }

  @Mutation(() => ChangeGql, { description: 'Implement -> Review' })
  @Roles(...CHANGE_WORKERS)
  async completeImplementation(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeGql> {
    return toChangeGql(await this.complete.execute(viewer, new CompleteChangeImplementationCommand(id)));
  }

  @Mutation(() => ChangeGql, { description: 'Review -> Closed with a close code' })
  @Roles(...CHANGE_WORKERS)
  async closeChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: CloseChangeInput): Promise<ChangeGql> {
    return toChangeGql(await this.closer.execute(viewer, new CloseChangeCommand(input.id, input.closeCode, input.notes ?? null)));
  }

  @Mutation(() => ChangeGql, { description: 'Any state but Review and Closed -> Canceled (a reason is required)' })
  @Roles(...CHANGE_CANCELERS)
  async cancelChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: ChangeReasonInput): Promise<ChangeGql> {
    return toChangeGql(await this.canceler.execute(viewer, new CancelChangeCommand(input.id, input.reason ?? '')));
  }

  @Mutation(() => ChangeGql, { description: 'Assess, Authorize or Scheduled -> New; pending approvals are canceled' })
  @Roles(...CHANGE_MANAGERS)
  async revertChangeToNew(@CurrentPrincipal() viewer: Principal, @Args('input') input: ChangeReasonInput): Promise<ChangeGql> {
    return toChangeGql(await this.reverter.execute(viewer, new RevertChangeToNewCommand(input.id, input.reason ?? null)));
  }

  @Mutation(() => ChangeGql, { description: 'The post-implementation review (in Review or Closed): outcome and lessons' })
  @Roles(...CHANGE_WORKERS)
  async reviewChange(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReviewChangeInput): Promise<ChangeGql> {
    return toChangeGql(await this.reviewer.execute(viewer, new ReviewChangeCommand(input.id, input.outcome, input.lessons)));
  }
}
