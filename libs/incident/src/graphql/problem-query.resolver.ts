import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { FindProblemQuery } from '../application/queries/find-problem/find-problem.query';
import { FindProblemHandler } from '../application/queries/find-problem/find-problem.handler';
import { FindProblemsQuery } from '../application/queries/find-problems/find-problems.query';
import { FindProblemsHandler, MAX_PROBLEM_PAGE_SIZE } from '../application/queries/find-problems/find-problems.handler';
import type { ProblemState } from '../domain';
import { IncidentError, IncidentErrorCode } from '../domain';
import { sequenceCursor, sequencePage, toProblemGql } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF } from './role-sets';
import { ProblemConnectionGql, ProblemGql, ProblemStateGql } from './problem.types';

/** Reading problems: one, a page of them, and the federation reference (the Problem entity's one resolver). */
@Resolver(() => ProblemGql)
@UseFilters(incidentErrorFilter)
export class ProblemQueryResolver {
  constructor(
    private readonly findProblem: FindProblemHandler,
    private readonly findProblems: FindProblemsHandler,
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
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ProblemGql> {
    return toProblemGql(await this.findProblem.execute(viewer, FindProblemQuery.byId(reference.id)));
  }
}
