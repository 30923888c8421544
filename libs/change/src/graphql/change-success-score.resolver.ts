import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ChangeSuccessScoresHandler } from '../application/queries/change-success-scores/change-success-scores.handler';
import { ChangeSuccessScoresQuery } from '../application/queries/change-success-scores/change-success-scores.query';
import type { ScoreGrouping } from '../domain';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS } from './change-role-sets';
import { ChangeScoreGroupingGql, ChangeSuccessScoreGql } from './change-success-score.types';

/** The change success score per model, assignment group or service, computed on demand over a period. */
@Resolver(() => ChangeSuccessScoreGql)
@UseFilters(changeErrorFilter)
export class ChangeSuccessScoreResolver {
  constructor(private readonly scores: ChangeSuccessScoresHandler) {}

  @Query(() => [ChangeSuccessScoreGql], { description: 'Change success scores over the changes closed in [from, to) (at most 400 days), best first' })
  @Roles(...CHANGE_MANAGERS, 'cab-member')
  async changeSuccessScores(
    @Args('groupBy', { type: () => ChangeScoreGroupingGql }) groupBy: ScoreGrouping,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<ChangeSuccessScoreGql[]> {
    const scores = await this.scores.execute(new ChangeSuccessScoresQuery(groupBy, from, to));
    return scores.map(({ key, changes, outcomes, incidents, score }) => ({
      key,
      changes,
      outcomes: { successful: outcomes.successful, successfulWithIssues: outcomes.successful_with_issues, failed: outcomes.failed, backedOut: outcomes.backed_out },
      incidents: { ...incidents },
      score,
    }));
  }
}
