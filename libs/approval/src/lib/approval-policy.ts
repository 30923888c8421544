import { ApprovalErrorCode, approvalError } from './approval.errors';
import { evaluateCondition } from './condition';
import type { Condition, Facts } from './condition';
import type { LevelRule } from './level-rule';

/**
 * Who may decide a level, as the policy names them. The caller resolves it into person ids (group
 * members, role holders, e.g. `cab-member`, or `service-owner` of an affected service) before the
 * engine sees it: the engine works on resolved approver sets.
 */
export interface ApproverSpec {
  readonly groupIds: readonly string[];
  readonly userIds: readonly string[];
  readonly roles: readonly string[];
}

export interface ApprovalLevelDefinition {
  readonly name: string;
  readonly approvers: ApproverSpec;
  readonly rule: LevelRule;
  /** An optional level is asked alongside the next one and never blocks nor rejects the outcome. */
  readonly mandatory: boolean;
}

export interface ApprovalPolicy {
  readonly id: string;
  readonly name: string;
  /** Evaluation order: lower first ("first match" takes the first that applies). */
  readonly order: number;
  readonly active: boolean;
  /** When the policy applies; null: always. */
  readonly appliesWhen: Condition | null;
  /** When the policy approves by itself (a system decision, no level asked); null: never. */
  readonly autoApproveWhen: Condition | null;
  readonly levels: readonly ApprovalLevelDefinition[];
}

/** "first match": the first applying policy by order; "run all": every applying policy, levels one after another. */
export const POLICY_SELECTIONS = ['first_match', 'run_all'] as const;
export type PolicySelection = (typeof POLICY_SELECTIONS)[number];

export const POLICY_LIMITS = { levels: 20, name: 120, approversPerList: 100 } as const;

/** Refuses (APPROVAL.INVALID_POLICY) a policy no process could run; returns it with approver lists deduplicated. */
export function validatePolicy(policy: ApprovalPolicy): ApprovalPolicy {
  requireName(policy.name, 'name');
  if (!Number.isInteger(policy.order)) throw invalidPolicy('order', 'is not an integer');
  if (policy.levels.length < 1 || policy.levels.length > POLICY_LIMITS.levels) {
    throw invalidPolicy('levels', `must hold 1 to ${POLICY_LIMITS.levels} levels`);
  }
  return { ...policy, levels: policy.levels.map((level, i) => validateLevel(level, `levels[${i}]`)) };
}

function validateLevel(level: ApprovalLevelDefinition, path: string): ApprovalLevelDefinition {
  requireName(level.name, `${path}.name`);
  if (level.rule.kind === 'quorum' && !(Number.isInteger(level.rule.percent) && level.rule.percent >= 1 && level.rule.percent <= 100)) {
    throw invalidPolicy(`${path}.rule.percent`, 'is not a whole percentage from 1 to 100');
  }
  const approvers: ApproverSpec = {
    groupIds: cleanList(level.approvers.groupIds, `${path}.approvers.groupIds`),
    userIds: cleanList(level.approvers.userIds, `${path}.approvers.userIds`),
    roles: cleanList(level.approvers.roles, `${path}.approvers.roles`),
  };
  if (approvers.groupIds.length + approvers.userIds.length + approvers.roles.length === 0) {
    throw invalidPolicy(`${path}.approvers`, 'names no group, user or role');
  }
  return { ...level, approvers };
}

function cleanList(values: readonly string[], path: string): string[] {
  if (values.length > POLICY_LIMITS.approversPerList) throw invalidPolicy(path, `holds more than ${POLICY_LIMITS.approversPerList} entries`);
  if (values.some((v) => v.trim() === '' || v.length > 64)) throw invalidPolicy(path, 'holds an empty or over-long id');
  return [...new Set(values)];
}

function requireName(name: string, path: string): void {
  if (name.trim() === '' || name.length > POLICY_LIMITS.name) throw invalidPolicy(path, `must be 1 to ${POLICY_LIMITS.name} characters`);
}

function invalidPolicy(path: string, problem: string) {
  return approvalError(ApprovalErrorCode.InvalidPolicy, `The policy's ${path} ${problem}.`, { path, problem });
}

/** One level to ask, from the policy that contributes it. */
export interface PlannedLevel {
  readonly policyId: string;
  readonly definition: ApprovalLevelDefinition;
}

/** What applies to the facts: the chosen policies, those that approve by themselves, and the levels to ask. */
export interface ApprovalPlan {
  readonly policyIds: readonly string[];
  readonly autoApprovedBy: readonly string[];
  readonly levels: readonly PlannedLevel[];
}

/**
 * Picks the active policies that apply to the facts (by `order`, then id), under "first match"
 * or "run all". A chosen policy whose auto-approve condition holds contributes no level. An empty
 * `policyIds` means no policy applies: the caller decides what that means.
 */
export function planApproval(policies: readonly ApprovalPolicy[], facts: Facts, selection: PolicySelection): ApprovalPlan {
  const applying = policies
    .filter((p) => p.active && (p.appliesWhen === null || evaluateCondition(p.appliesWhen, facts)))
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = selection === 'first_match' ? applying.slice(0, 1) : applying;
  const autoApproved = chosen.filter((p) => p.autoApproveWhen !== null && evaluateCondition(p.autoApproveWhen, facts));
  const asked = chosen.filter((p) => !autoApproved.includes(p));
  return {
    policyIds: chosen.map((p) => p.id),
    autoApprovedBy: autoApproved.map((p) => p.id),
    levels: asked.flatMap((p) => p.levels.map((definition) => ({ policyId: p.id, definition }))),
  };
}
