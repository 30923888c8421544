import { ApprovalError, approvalsNeeded, parseCondition } from '@itsm/approval';
import type { ApprovalLevelDefinition, ApprovalProcess, Condition, LevelRule } from '@itsm/approval';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { ApprovalDelegation, ApprovalPolicyDraft, ChangeApprovalPolicy } from '../domain';
import type { ApprovalLevelInput, ApprovalPolicyInput } from './change-approval.inputs';
import type { ApprovalDelegationGql, ApprovalLevelDefinitionGql, ApprovalPolicyGql, ChangeApprovalGql } from './change-approval.types';

function quorumOf(rule: LevelRule): number | null {
  return rule.kind === 'quorum' ? rule.percent : null;
}

export function toApprovalGql(process: ApprovalProcess): ChangeApprovalGql {
  return {
    policyIds: [...process.policyIds],
    outcome: process.outcome,
    autoApprovedBy: process.autoApprovals.map((a) => a.policyId),
    startedAt: process.startedAt,
    closedAt: process.closedAt,
    levels: process.levels.map((l) => ({
      index: l.index,
      name: l.name,
      policyId: l.policyId,
      mandatory: l.mandatory,
      rule: l.rule.kind,
      quorumPercent: quorumOf(l.rule),
      approvalsNeeded: approvalsNeeded(l.rule, l.approverIds.length),
      approverIds: [...l.approverIds],
      status: l.status,
      decisions: l.decisions.map((d) => ({ ...d })),
      openedAt: l.openedAt,
      closedAt: l.closedAt,
    })),
  };
}

function toLevelDefinitionGql(level: ApprovalLevelDefinition): ApprovalLevelDefinitionGql {
  return {
    name: level.name,
    groupIds: [...level.approvers.groupIds],
    userIds: [...level.approvers.userIds],
    roles: [...level.approvers.roles],
    rule: level.rule.kind,
    quorumPercent: quorumOf(level.rule),
    mandatory: level.mandatory,
  };
}

export function toPolicyGql(policy: ChangeApprovalPolicy): ApprovalPolicyGql {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    order: policy.order,
    active: policy.active,
    appliesWhen: policy.appliesWhen === null ? null : JSON.stringify(policy.appliesWhen),
    autoApproveWhen: policy.autoApproveWhen === null ? null : JSON.stringify(policy.autoApproveWhen),
    levels: policy.levels.map(toLevelDefinitionGql),
    version: policy.version,
    updatedBy: policy.updatedBy,
    updatedAt: policy.updatedAt,
  };
}

export function toDelegationGql(delegation: ApprovalDelegation): ApprovalDelegationGql {
  return { ...delegation };
}

/** A JSON condition tree from the API: bad JSON or a bad tree is CHANGE.INVALID_INPUT naming the field. */
function conditionFrom(field: string, json: string | null | undefined): Condition | null {
  if (json === null || json === undefined || json.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ChangeError(ChangeErrorCode.InvalidInput, `${field}: not JSON`, { field });
  }
  try {
    return parseCondition(parsed);
  } catch (error) {
    if (error instanceof ApprovalError) throw new ChangeError(ChangeErrorCode.InvalidInput, `${field}: ${error.message}`, { ...error.details, field });
    throw error;
  }
}

function ruleFrom(level: ApprovalLevelInput, index: number): LevelRule {
  if (level.rule !== 'quorum') {
    if (level.quorumPercent !== null && level.quorumPercent !== undefined) {
      throw new ChangeError(ChangeErrorCode.InvalidInput, `levels[${index}].quorumPercent: only for a quorum rule`, { field: `levels[${index}].quorumPercent` });
    }
    return { kind: level.rule };
  }
  if (level.quorumPercent === null || level.quorumPercent === undefined) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, `levels[${index}].quorumPercent: a quorum rule needs a percentage`, { field: `levels[${index}].quorumPercent` });
  }
  return { kind: 'quorum', percent: level.quorumPercent };
}

export function policyDraftFrom(input: ApprovalPolicyInput): ApprovalPolicyDraft {
  return {
    name: input.name,
    description: input.description,
    order: input.order,
    active: input.active,
    appliesWhen: conditionFrom('appliesWhen', input.appliesWhen),
    autoApproveWhen: conditionFrom('autoApproveWhen', input.autoApproveWhen),
    levels: input.levels.map((level, i) => ({
      name: level.name,
      approvers: { groupIds: level.groupIds, userIds: level.userIds, roles: level.roles },
      rule: ruleFrom(level, i),
      mandatory: level.mandatory,
    })),
  };
}
