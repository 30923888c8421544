import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, changeSuccessScores } from '../../../domain';
import type { ChangeSuccessScore } from '../../../domain';
import { CausedIncidentStore, ClosedChangeStore } from '../../ports/projection-stores.port';
import type { ChangeSuccessScoresQuery } from './change-success-scores.query';

/** The longest period one query scores (a little over a year). */
export const MAX_SCORE_PERIOD_MS = 400 * 86_400_000;
/** The most closed changes one query reads; a busier period is refused (CHANGE.TOO_MANY): ask for a shorter one. */
export const MAX_SCORED_CHANGES = 50_000;

/**
 * Scores the changes closed in a period (ServiceNow's Change Success Score, computed on demand
 * instead of by a daily job): CHANGE.INVALID_INPUT for a period that is empty, reversed or longer
 * than 400 days, CHANGE.TOO_MANY for more than 50,000 closed changes in it.
 */
@Injectable()
export class ChangeSuccessScoresHandler {
  constructor(
    private readonly closed: ClosedChangeStore,
    private readonly incidents: CausedIncidentStore,
  ) {}

  async execute(query: ChangeSuccessScoresQuery): Promise<ChangeSuccessScore[]> {
    const { from, to } = query;
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw new ChangeError(ChangeErrorCode.InvalidInput, 'the period must end after it starts', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_SCORE_PERIOD_MS) throw new ChangeError(ChangeErrorCode.InvalidInput, 'the period may be 400 days at most', { field: 'to' });
    const changes = await this.closed.closedBetween(from, to, MAX_SCORED_CHANGES + 1);
    if (changes.length > MAX_SCORED_CHANGES) throw new ChangeError(ChangeErrorCode.TooMany, `more than ${MAX_SCORED_CHANGES} changes closed in the period; ask for a shorter one`);
    const caused = changes.length === 0 ? [] : await this.incidents.causedBy(changes.map((c) => c.changeId));
    return changeSuccessScores(changes, caused, query.groupBy);
  }
}
