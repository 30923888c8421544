import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ApprovalOutcome, ApprovalVerdict, LevelRule, LevelStatus } from '@itsm/approval';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

export const APPROVAL_RULE_KINDS = ['first_response', 'all', 'quorum'] as const satisfies readonly LevelRule['kind'][];
export const APPROVAL_LEVEL_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped', 'canceled'] as const satisfies readonly LevelStatus[];
export const APPROVAL_OUTCOMES = ['pending', 'approved', 'rejected', 'canceled'] as const satisfies readonly ApprovalOutcome[];
export const APPROVAL_VERDICTS = ['approved', 'rejected'] as const satisfies readonly ApprovalVerdict[];

export const ApprovalRuleKindGql = registerDomainEnum(APPROVAL_RULE_KINDS, { name: 'ApprovalRuleKind', registerIn, description: 'first_response: the first decision decides; all: everyone approves; quorum: quorumPercent % of the approvers' });
export const ApprovalLevelStatusGql = registerDomainEnum(APPROVAL_LEVEL_STATUSES, { name: 'ApprovalLevelStatus', registerIn });
export const ApprovalOutcomeGql = registerDomainEnum(APPROVAL_OUTCOMES, { name: 'ApprovalOutcome', registerIn });
export const ApprovalVerdictGql = registerDomainEnum(APPROVAL_VERDICTS, { name: 'ApprovalVerdict', registerIn });

export type ApprovalRuleKind = LevelRule['kind'];

@ObjectType('ApprovalDecision', { registerIn })
export class ApprovalDecisionGql {
  @Field({ description: 'Who decided' }) approverId!: string;
  @Field(() => String, { nullable: true, description: 'The approver a delegate decided for' }) onBehalfOf!: string | null;
  @Field(() => ApprovalVerdictGql) decision!: ApprovalVerdict;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field() at!: Date;
}

@ObjectType('ChangeApprovalLevel', { registerIn })
export class ChangeApprovalLevelGql {
  @Field(() => Int) index!: number;
  @Field() name!: string;
  @Field(() => ID) policyId!: string;
  @Field({ description: 'An optional level never blocks nor rejects' }) mandatory!: boolean;
  @Field(() => ApprovalRuleKindGql) rule!: ApprovalRuleKind;
  @Field(() => Int, { nullable: true }) quorumPercent!: number | null;
  @Field(() => Int, { description: 'Approvals the level needs: ceil(percent × approvers / 100) for a quorum' }) approvalsNeeded!: number;
  @Field(() => [String], { description: 'Resolved when the approval started' }) approverIds!: string[];
  @Field(() => ApprovalLevelStatusGql) status!: LevelStatus;
  @Field(() => [ApprovalDecisionGql]) decisions!: ApprovalDecisionGql[];
  @Field(() => Date, { nullable: true }) openedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}

@ObjectType('ChangeApproval', { registerIn, description: "The change's approval under its policy: levels, approvers, decisions" })
export class ChangeApprovalGql {
  @Field(() => [ID]) policyIds!: string[];
  @Field(() => ApprovalOutcomeGql) outcome!: ApprovalOutcome;
  @Field(() => [ID], { description: 'Policies that approved by themselves (a system decision)' }) autoApprovedBy!: string[];
  @Field(() => [ChangeApprovalLevelGql]) levels!: ChangeApprovalLevelGql[];
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}

@ObjectType('ApprovalLevelDefinition', { registerIn })
export class ApprovalLevelDefinitionGql {
  @Field() name!: string;
  @Field(() => [ID]) groupIds!: string[];
  @Field(() => [ID]) userIds!: string[];
  @Field(() => [String], { description: 'Role holders, e.g. cab-member; service-owner: the owner of each service the change affects' }) roles!: string[];
  @Field(() => ApprovalRuleKindGql) rule!: ApprovalRuleKind;
  @Field(() => Int, { nullable: true }) quorumPercent!: number | null;
  @Field() mandatory!: boolean;
}

@ObjectType('ApprovalPolicy', { registerIn })
export class ApprovalPolicyGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => Int, { description: 'Evaluation order, lower first' }) order!: number;
  @Field() active!: boolean;
  @Field(() => String, { nullable: true, description: 'JSON condition tree: when the policy applies (null: always)' }) appliesWhen!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON condition tree: when it approves by itself (null: never)' }) autoApproveWhen!: string | null;
  @Field(() => [ApprovalLevelDefinitionGql]) levels!: ApprovalLevelDefinitionGql[];
  @Field(() => Int) version!: number;
  @Field() updatedBy!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('ApprovalDelegation', { registerIn })
export class ApprovalDelegationGql {
  @Field(() => ID) id!: string;
  @Field() delegatorId!: string;
  @Field() delegateId!: string;
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field() createdBy!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}
