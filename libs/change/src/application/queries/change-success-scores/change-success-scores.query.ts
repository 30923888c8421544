import type { ScoreGrouping } from '../../../domain';

/** The change success score per model, group or service over the changes closed in [from, to). */
export class ChangeSuccessScoresQuery {
  constructor(
    readonly groupBy: ScoreGrouping,
    readonly from: Date,
    readonly to: Date,
  ) {}
}
