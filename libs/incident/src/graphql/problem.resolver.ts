import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { OpenProblemHandler } from '../application/commands/open-problem/open-problem.handler';
import type { ProblemCommandRequest } from '../application/commands/run-problem-command/run-problem-command.handler';
import { RunProblemCommandHandler } from '../application/commands/run-problem-command/run-problem-command.handler';
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
    private readonly open: OpenProblemHandler,
    private readonly commands: RunProblemCommandHandler,
    private readonly find: FindProblemsHandler,
  ) {}

  @Query(() => ProblemGql)
  @Roles(...STAFF)
  async problem(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<ProblemGql> {
    if ((id === undefined) === (number === undefined)) throw new IncidentError(IncidentErrorCode.InvalidInput, 'give either id or number', { field: 'id' });
    return toProblemGql(id !== undefined ? await this.find.byId(viewer, id) : await this.find.byNumber(viewer, number ?? ''));
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
    const page = await this.find.list(viewer, states, request.first, request.after);
    return toConnection(page, (problem) => sequenceCursor('prb', problem.number), toProblemGql);
  }

  @ResolveReference()
  @Roles(...STAFF)
  async resolveReference(reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ProblemGql> {
    return toProblemGql(await this.find.byId(viewer, reference.id));
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
    return this.run(viewer, input.id, { kind: 'assign', groupId: input.groupId, assigneeId: input.assigneeId ?? null });
  }

  @Mutation(() => ProblemGql, { description: 'Moves a problem forward: assess -> root cause analysis -> fix in progress' })
  @Roles(...STAFF)
  advanceProblem(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string, @Args('to', { type: () => ProblemStageGql }) to: ProblemStage): Promise<ProblemGql> {
    return this.run(viewer, id, { kind: 'advance', to });
  }

  @Mutation(() => ProblemGql, { description: 'Records the known error: symptom, root cause, workaround' })
  @Roles(...STAFF)
  recordKnownError(@CurrentPrincipal() viewer: Principal, @Args('input') input: KnownErrorInput): Promise<ProblemGql> {
    return this.run(viewer, input.id, { kind: 'record-known-error', symptom: input.symptom, rootCause: input.rootCause, workaround: input.workaround });
  }

  @Mutation(() => ProblemGql, { description: 'Resolves the problem; incidents on hold waiting on it are resolved too' })
  @Roles(...MANAGERS)
  resolveProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: ResolveProblemInput): Promise<ProblemGql> {
    return this.run(viewer, input.id, { kind: 'resolve', notes: input.notes, fixChangeId: input.fixChangeId ?? null });
  }

  @Mutation(() => ProblemGql)
  @Roles(...MANAGERS)
  closeProblem(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProblemGql> {
    return this.run(viewer, id, { kind: 'close' });
  }

  @Mutation(() => ProblemGql)
  @Roles(...MANAGERS)
  cancelProblem(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<ProblemGql> {
    return this.run(viewer, input.id, { kind: 'cancel', reason: input.reason });
  }

  private async run(viewer: Principal, id: string, request: ProblemCommandRequest): Promise<ProblemGql> {
    return toProblemGql(await this.commands.execute(viewer, id, request));
  }
}
