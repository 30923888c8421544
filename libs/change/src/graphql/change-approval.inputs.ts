import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ApprovalVerdict } from '@itsm/approval';
import { ChangeSchema } from './change.schema-marker';
import { ApprovalRuleKindGql, ApprovalVerdictGql } from './change-approval.types';
import type { ApprovalRuleKind } from './change-approval.types';

const registerIn = ChangeSchema;

@InputType('ApprovalLevelInput', { registerIn })
export class ApprovalLevelInput {
  @Field() name!: string;
  @Field(() => [ID], { defaultValue: [] }) groupIds!: string[];
  @Field(() => [ID], { defaultValue: [] }) userIds!: string[];
  @Field(() => [String], { defaultValue: [] }) roles!: string[];
  @Field(() => ApprovalRuleKindGql) rule!: ApprovalRuleKind;
  @Field(() => Int, { nullable: true, description: 'quorum only: 1-100' }) quorumPercent?: number | null;
  @Field({ defaultValue: true }) mandatory!: boolean;
}

@InputType('ApprovalPolicyInput', { registerIn })
export class ApprovalPolicyInput {
  @Field() name!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => Int, { defaultValue: 100 }) order!: number;
  @Field({ defaultValue: true }) active!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'JSON condition tree over the change\'s facts, e.g. {"fact":"model","op":"eq","value":"normal"}; joins {"all":[...]}, {"any":[...]}, {"not":{...}}',
  })
  @InputText('text')
  appliesWhen?: string | null;
  @Field(() => String, { nullable: true, description: 'JSON condition tree, e.g. {"all":[{"fact":"model","op":"eq","value":"standard"},{"fact":"risk","op":"eq","value":"low"}]}' })
  @InputText('text')
  autoApproveWhen?: string | null;
  @Field(() => [ApprovalLevelInput]) levels!: ApprovalLevelInput[];
}

@InputType('DelegateApprovalsInput', { registerIn })
export class DelegateApprovalsInput {
  @Field({ nullable: true, description: 'Defaults to the caller; change managers and admins may name anybody' }) delegatorId?: string;
  @Field() delegateId!: string;
  @Field() start!: Date;
  @Field({ description: 'Exclusive, after start' }) end!: Date;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('DecideApprovalInput', { registerIn })
export class DecideApprovalInput {
  @Field(() => ID) changeId!: string;
  @Field(() => ApprovalVerdictGql) decision!: ApprovalVerdict;
  @Field(() => String, { nullable: true, description: 'Required to reject' }) @InputText('text') comment?: string | null;
  @Field(() => String, { nullable: true, description: 'Decide as this approver (who delegated to the caller); default: own seat first' }) onBehalfOf?: string | null;
  @Field(() => Int, { nullable: true, description: 'Decide on this level (default: the lowest pending level the caller may decide)' }) level?: number | null;
}
