export { APPROVAL_ERROR_KINDS, ApprovalError, ApprovalErrorCode, withContextCodes } from './lib/approval.errors';
export type { Comparison, ComparisonOperator, Condition, FactValue, Facts } from './lib/condition';
export { COMPARISON_OPERATORS, CONDITION_LIMITS, evaluateCondition, parseCondition } from './lib/condition';
export type { LevelRule, LevelTally } from './lib/level-rule';
export { approvalsNeeded, tallyLevel } from './lib/level-rule';
export type { Delegation } from './lib/delegation';
export { delegatorsOf, isDelegationActive, validateDelegation } from './lib/delegation';
export type { ApprovalLevelDefinition, ApprovalPlan, ApprovalPolicy, ApproverSpec, PlannedLevel, PolicySelection } from './lib/approval-policy';
export { planApproval, POLICY_LIMITS, POLICY_SELECTIONS, validatePolicy } from './lib/approval-policy';
export type {
  ApprovalDecision,
  ApprovalLevel,
  ApprovalOutcome,
  ApprovalProcess,
  ApprovalStep,
  ApprovalVerdict,
  DecideApproval,
  DecisionStep,
  LevelStatus,
  ResolvedApprovers,
  SystemApproval,
} from './lib/approval-process';
export { cancelApproval, decideApproval, levelsAwaiting, startApproval } from './lib/approval-process';
