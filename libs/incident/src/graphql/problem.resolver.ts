import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
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
import { FindProblemQuery } from '../application/queries/find-problem/find-problem.query';
import { FindProblemHandler } from '../application/queries/find-problem/find-problem.handler';
import { FindProblemsQuery } from '../application/queries/find-problems/find-problems.query';
import { FindProblemsHandler, MAX_PROBLEM_PAGE_SIZE } from '../application/queries/find-problems/find-problems.handler';
import type { Problem, ProblemStage, ProblemState } from '../domain';
import { IncidentError, IncidentErrorCode } from '../domain';
import { level, sequenceCursor, sequencePage } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF } from './role-sets';
import { ReasonInput } from './incident.inputs';
import { AssignProblemInput, KnownErrorInput, OpenProblemInput, ProblemConnectionGql, ProblemGql, ProblemStageGql, ProblemStateGql, ResolveProblemInput } from './problem.types';

const MANAGERS = ['problem-manager', 'admin'] as const;

function toProblemGql(problem: Problem): ProblemGql {
  return { ...problem, configurationItemIds: [...problem.configurationItemIds], knownError: problem.knownError ? { ...problem.knownError } : null } as ProblemGql;
}

@Resolver(() => ProblemGql)
@UseFilters(incidentErrorFilter)
export class ProblemResolver {
  constructor(
    private readonly findProblem: FindProblemHandler,
    private readonly findProblems: FindProblemsHandler,
    private readonly open: OpenProblemHandler,
    private readonly assign: AssignProblemHandler,
    private readonly advance: AdvanceProblemHandler,
    private readonly knownError: RecordKnownErrorHandler,
    private readonly resolve: ResolveProblemHandler,
    private readonly close: CloseProblemHandler,
    private readonly cancel: CancelProblemHandler,
  ) {}

  @Query(() => ProblemGql)
  @Roles(...STAFF)
  async problem(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<ProblemGql> {
    if ((id === undefined) === (number === undefined)) throw new IncidentError(IncidentErrorCode.InvalidInput, 'give either id or number', { field: 'id' });
    return toProblemGql(await this.findProblem.execute(viewer, id !== undefined ? FindProblemQuery.byId(id) : FindProblemQuery.byNumber(number ?? '')));
  }

  @Query(() => ProblemConnectionGql, { description: 'Problems, newest first, with cursor pagination' })
  @Roles(...STAFF)
  async problems(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('states', { type: () => [ProblemStateGql], nullable: true }) states?: ProblemState[],
  ): Promise<ConnectionOf<ProblemGql>> {
    const request = sequencePage('prb', { first, after }, MAX_PROBLEM_PAGE_SIZE);
    const page = await this.findProblems.execute(viewer, new FindProblemsQuery(request.first, states, request.after));
    return toConnection(page, (problem) => sequenceCursor('prb', problem.number), toProblemGql);
  }

  @ResolveReference()
  @Roles(...STAFF)
  async resolveReference(reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ProblemGql> {
    return toProblemGql(await this.findProblem.execute(viewer, FindProblemQuery.byId(reference.id)));
  }

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
