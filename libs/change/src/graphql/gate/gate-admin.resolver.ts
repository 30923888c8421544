import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IssuePipelineTokenCommand } from '../../application/commands/issue-pipeline-token/issue-pipeline-token.command';
import { IssuePipelineTokenHandler } from '../../application/commands/issue-pipeline-token/issue-pipeline-token.handler';
import { RevokePipelineTokenCommand } from '../../application/commands/revoke-pipeline-token/revoke-pipeline-token.command';
import { RevokePipelineTokenHandler } from '../../application/commands/revoke-pipeline-token/revoke-pipeline-token.handler';
import { GateAnswersHandler } from '../../application/queries/gate-answers/gate-answers.handler';
import { GateAnswersQuery } from '../../application/queries/gate-answers/gate-answers.query';
import { PipelineTokensHandler } from '../../application/queries/pipeline-tokens/pipeline-tokens.handler';
import { PipelineTokensQuery } from '../../application/queries/pipeline-tokens/pipeline-tokens.query';
import { changeErrorFilter } from '../change-error.filter';
import { gateCursor, gatePageRequest, toGateAnswerGql, toPipelineTokenGql } from './gate-graphql.mapper';
import { GateAnswerConnectionGql, GateAnswerGql, IssuedPipelineTokenGql, PipelineTokenGql } from './gate.types';

/** The deployment gate's administration: pipeline tokens (admin) and the gate log (admin, change managers). */
@Resolver(() => PipelineTokenGql)
@UseFilters(changeErrorFilter)
export class GateAdminResolver {
  constructor(
    private readonly tokens: PipelineTokensHandler,
    private readonly issue: IssuePipelineTokenHandler,
    private readonly revoke: RevokePipelineTokenHandler,
    private readonly answers: GateAnswersHandler,
  ) {}

  @Query(() => [PipelineTokenGql], { description: 'Every pipeline token, revoked ones included, oldest first (never the token itself)' })
  @Roles('admin')
  async pipelineTokens(): Promise<PipelineTokenGql[]> {
    return (await this.tokens.execute(new PipelineTokensQuery())).map(toPipelineTokenGql);
  }

  @Mutation(() => IssuedPipelineTokenGql, { description: 'Issues a bearer token for a deployment pipeline: answered once, stored hashed' })
  @Roles('admin')
  async issuePipelineToken(@Args('name') name: string, @CurrentPrincipal() principal: Principal): Promise<IssuedPipelineTokenGql> {
    const issued = await this.issue.execute(new IssuePipelineTokenCommand(principal.userId, name));
    return { pipelineToken: toPipelineTokenGql(issued.pipelineToken), token: issued.token };
  }

  @Mutation(() => PipelineTokenGql, { description: "Revokes a pipeline token: the pipeline's next gate request is refused (401)" })
  @Roles('admin')
  async revokePipelineToken(@Args('id', { type: () => ID }) id: string): Promise<PipelineTokenGql> {
    return toPipelineTokenGql(await this.revoke.execute(new RevokePipelineTokenCommand(id)));
  }

  @Query(() => GateAnswerConnectionGql, { description: 'The gate log, newest first: every answer, or those about one CI or one change (not both)' })
  @Roles('change-manager', 'admin')
  async gateAnswers(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('ciId', { type: () => ID, nullable: true }) ciId?: string,
    @Args('changeId', { type: () => ID, nullable: true }) changeId?: string,
  ): Promise<ConnectionOf<GateAnswerGql>> {
    const page = gatePageRequest(first, after);
    const filter = { ...(ciId === undefined ? {} : { ciId }), ...(changeId === undefined ? {} : { changeId }) };
    return toConnection(await this.answers.execute(new GateAnswersQuery(filter, page.first, page.after)), gateCursor, toGateAnswerGql);
  }
}
