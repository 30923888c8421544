import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AdvanceProblemCommand } from '../application/commands/advance-problem/advance-problem.command';
import { AdvanceProblemHandler } from '../application/commands/advance-problem/advance-problem.handler';
import { AssignProblemCommand } from '../application/commands/assign-problem/assign-problem.command';
import { AssignProblemHandler } from '../application/commands/assign-problem/assign-problem.handler';
import { CancelProblemCommand } from '../application/commands/cancel-problem/cancel-problem.command';
import { CancelProblemHandler } from '../application/commands/cancel-problem/cancel-problem.handler';
import { CloseProblemCommand } from '../application/commands/close-problem/close-problem.command';
import { CloseProblemHandler } from '../application/commands/close-problem/close-problem.handler';
import { OpenProblemHandler } from '../application/commands/open-problem/open-problem.handler';
import { RecordKnownErrorCommand } from '../application/commands/record-known-error/record-known-error.command';
import { RecordKnownErrorHandler } from '../application/commands/record-known-error/record-known-error.handler';
import { ResolveProblemCommand } from '../application/commands/resolve-problem/resolve-problem.command';
import { ResolveProblemHandler } from '../application/commands/resolve-problem/resolve-problem.handler';
import type { Problem, ProblemStage } from '../domain';
import { level, toProblemGql } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF } from './role-sets';
import { ReasonInput } from './incident.inputs';
import { AssignProblemInput, KnownErrorInput, OpenProblemInput, ProblemGql, ProblemStageGql, ResolveProblemInput } from './problem.types';

const MANAGERS = ['problem-manager', 'admin'] as const;

/** A problem from opening to its end: assigned, advanced, its known error recorded, resolved, closed or cancelled. */
@Resolver(() => ProblemGql)
@UseFilters(incidentErrorFilter)
export class ProblemLifecycleResolver {
  constructor(
    private readonly open: OpenProblemHandler,
    private readonly assign: AssignProblemHandler,
    private readonly advance: AdvanceProblemHandler,
    private readonly knownError: RecordKnownErrorHandler,
    private readonly resolve: ResolveProblemHandler,
    private readonly close: CloseProblemHandler,
    private readonly cancel: CancelProblemHandler,
  ) {}

  @Mutation(() => ProblemGql)
  @Roles(...STAFF)
  async openProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: OpenProblemInput): Promise<ProblemGql> {
    return toProblemGql(
      await this.open.execute(viewer, {
        title: input.title,
        description: input.description,
        impact: level(input.impact, 'impact'),
        urgency: level(input.urgency, 'urgency'),
        ...(input.assignmentGroupId ? { assignmentGroupId: input.assignmentGroupId } : {}),
        ...(input.serviceId ? { serviceId: input.serviceId } : {}),
        ...(input.configurationItemIds ? { configurationItemIds: input.configurationItemIds } : {}),
      }),
    );
  }

  @Mutation(() => ProblemGql)
  @Roles(...STAFF)
  assignProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: AssignProblemInput): Promise<ProblemGql> {
    return this.answer(this.assign.execute(viewer, new AssignProblemCommand(input.id, input.groupId, input.assigneeId ?? null)));
  }

  @Mutation(() => ProblemGql, { description: 'Moves a problem forward: assess -> root cause analysis -> fix in progress' })
  @Roles(...STAFF)
  advanceProblem(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string, @Args('to', { type: () => ProblemStageGql }) to: ProblemStage): Promise<ProblemGql> {
    return this.answer(this.advance.execute(viewer, new AdvanceProblemCommand(id, to)));
  }

  @Mutation(() => ProblemGql, { description: 'Records the known error: symptom, root cause, workaround' })
  @Roles(...STAFF)
  recordKnownError(@CurrentPrincipal() viewer: Principal, @Args('input') input: KnownErrorInput): Promise<ProblemGql> {
    return this.answer(this.knownError.execute(viewer, new RecordKnownErrorCommand(input.id, input.symptom, input.rootCause, input.workaround)));
  }

  @Mutation(() => ProblemGql, { description: 'Resolves the problem; incidents on hold waiting on it are resolved too' })
  @Roles(...MANAGERS)
  resolveProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: ResolveProblemInput): Promise<ProblemGql> {
    return this.answer(this.resolve.execute(viewer, new ResolveProblemCommand(input.id, input.notes, input.fixChangeId ?? null)));
  }

  @Mutation(() => ProblemGql)
  @Roles(...MANAGERS)
  closeProblem(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProblemGql> {
    return this.answer(this.close.execute(viewer, new CloseProblemCommand(id)));
  }

  @Mutation(() => ProblemGql)
  @Roles(...MANAGERS)
  cancelProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<ProblemGql> {
    return this.answer(this.cancel.execute(viewer, new CancelProblemCommand(input.id, input.reason)));
  }

  private async answer(changed: Promise<Problem>): Promise<ProblemGql> {
    return toProblemGql(await changed);
  }
}
