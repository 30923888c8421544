/**
 * How a level's decisions add up. `first_response`: the first decision decides the level. `all`:
 * every approver must approve; one rejection rejects. `quorum`: at least `percent` % of the
 * approvers must approve, counted in whole integers with no floating point:
 *
 *     approved when approvals × 100 ≥ percent × approvers
 *
 * i.e. the needed count is ⌈percent × approvers / 100⌉ (at least 1). So 2 of 3 approve at 66 %
 * (200 ≥ 198) but not at 67 % (200 < 201: that needs all 3); 50 % of 4 needs 2. The level is
 * rejected as soon as the quorum can no longer be reached by the approvers who have not decided.
 */
export type LevelRule = { readonly kind: 'first_response' } | { readonly kind: 'all' } | { readonly kind: 'quorum'; readonly percent: number };

export type LevelTally = 'pending' | 'approved' | 'rejected';

/** The approvals a level with `approvers` people needs under `rule`. */
export function approvalsNeeded(rule: LevelRule, approvers: number): number {
  switch (rule.kind) {
    case 'first_response':
      return 1;
    case 'all':
      return approvers;
    case 'quorum':
      return Math.max(1, Math.ceil((rule.percent * approvers) / 100));
  }
}

/** The level's outcome after `approvals` approvals and `rejections` rejections among `approvers` distinct people. */
export function tallyLevel(rule: LevelRule, approvers: number, approvals: number, rejections: number): LevelTally {
  if (rule.kind === 'first_response') {
    if (approvals > 0) return 'approved';
    return rejections > 0 ? 'rejected' : 'pending';
  }
  const needed = approvalsNeeded(rule, approvers);
  if (approvals >= needed) return 'approved';
  const stillPossible = approvers - rejections;
  return stillPossible < needed ? 'rejected' : 'pending';
}
