import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { EntitlementEffect, ServiceKind, VariableType } from '../domain';
import { CatalogueSchema } from './catalogue.schema-marker';
import { EntitlementEffectGql, FormVariableTypeGql, ServiceKindGql } from './portfolio.types';

const registerIn = CatalogueSchema;

@InputType('CatalogCategoryInput', { registerIn })
export class CatalogCategoryInput {
  @Field() name!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
}

@InputType('CatalogChoiceOptionInput', { registerIn })
export class CatalogChoiceOptionInput {
  @Field() value!: string;
  @Field() label!: string;
}

@InputType('CatalogFormVariableInput', { registerIn, description: 'Constraints apply to some types only (a pattern on a number is refused)' })
export class CatalogFormVariableInput {
  @Field() name!: string;
  @Field() label!: string;
  @Field(() => FormVariableTypeGql) type!: VariableType;
  @Field(() => String, { nullable: true }) @InputText('text') help?: string | null;
  @Field({ defaultValue: false }) required!: boolean;
  @Field(() => String, { nullable: true, description: 'JSON condition: {"variable":"x","equals":[...]}, {"variable":"x","isSet":true}, {"all":[...]}, {"any":[...]}' })
  @InputText('text')
  visibleWhen?: string | null;
  @Field(() => String, { nullable: true, description: 'JSON condition, as visibleWhen' }) @InputText('text') requiredWhen?: string | null;
  @Field(() => Int, { nullable: true }) minLength?: number | null;
  @Field(() => Int, { nullable: true }) maxLength?: number | null;
  @Field(() => String, { nullable: true }) @InputText('text') pattern?: string | null;
  @Field(() => Number, { nullable: true }) min?: number | null;
  @Field(() => Number, { nullable: true }) max?: number | null;
  @Field({ defaultValue: false }) integer!: boolean;
  @Field(() => String, { nullable: true }) minDate?: string | null;
  @Field(() => String, { nullable: true }) maxDate?: string | null;
  @Field(() => [CatalogChoiceOptionInput], { nullable: true }) options?: CatalogChoiceOptionInput[] | null;
  @Field(() => Int, { nullable: true }) minSelections?: number | null;
  @Field(() => Int, { nullable: true }) maxSelections?: number | null;
  @Field(() => String, { nullable: true, description: 'JSON value' }) @InputText('text') defaultValue?: string | null;
}

@InputType('CatalogPlanTaskInput', { registerIn })
export class CatalogPlanTaskInput {
  @Field() key!: string;
  @Field() title!: string;
  @Field(() => ID) groupId!: string;
  @Field(() => [String], { defaultValue: [] }) variables!: string[];
  @Field(() => [String], { defaultValue: [] }) predecessors!: string[];
}

@InputType('CatalogApprovalLevelInput', { registerIn })
export class CatalogApprovalLevelInput {
  @Field() name!: string;
  @Field(() => [ID], { defaultValue: [] }) groupIds!: string[];
  @Field(() => [ID], { defaultValue: [] }) userIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Roles; `requester-manager`: the manager of the person the item is for' }) roles!: string[];
  @Field({ description: 'first_response, all or quorum' }) rule!: string;
  @Field(() => Int, { nullable: true, description: 'quorum only: 1-100' }) quorumPercent?: number | null;
  @Field({ defaultValue: true }) mandatory!: boolean;
}

@InputType('CatalogApprovalPolicyInput', { registerIn })
export class CatalogApprovalPolicyInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Int, { defaultValue: 100 }) order!: number;
  @Field({ defaultValue: true }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'JSON condition tree over the facts, e.g. {"fact":"kind","op":"eq","value":"business"}' }) @InputText('text') appliesWhen?: string | null;
  @Field(() => String, { nullable: true, description: 'JSON condition tree' }) @InputText('text') autoApproveWhen?: string | null;
  @Field(() => [CatalogApprovalLevelInput]) levels!: CatalogApprovalLevelInput[];
}

@InputType('CatalogItemPriceInput', { registerIn })
export class CatalogItemPriceInput {
  @Field() currency!: string;
  @Field(() => Number) oneOffMinor!: number;
  @Field(() => Number) recurringMonthlyMinor!: number;
}

@InputType('CatalogItemInput', { registerIn })
export class CatalogItemInput {
  @Field() name!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => ID, { nullable: true }) serviceId?: string | null;
  @Field(() => ID, { nullable: true }) offeringId?: string | null;
  @Field(() => [CatalogFormVariableInput]) form!: CatalogFormVariableInput[];
  @Field(() => [CatalogPlanTaskInput]) plan!: CatalogPlanTaskInput[];
  @Field(() => [CatalogApprovalPolicyInput], { defaultValue: [] }) approvalPolicies!: CatalogApprovalPolicyInput[];
  @Field(() => [ID], { defaultValue: [] }) entitlementRuleIds!: string[];
  @Field(() => CatalogItemPriceInput, { nullable: true }) price?: CatalogItemPriceInput | null;
  @Field(() => Int, { defaultValue: 0 }) leadTimeDays!: number;
}

@InputType('EntitlementRuleInput', { registerIn })
export class EntitlementRuleGqlInput {
  @Field() name!: string;
  @Field(() => EntitlementEffectGql, { nullable: true, description: 'Default grant; fixed once the rule exists' }) effect?: EntitlementEffect | null;
  @Field(() => [ID], { defaultValue: [] }) organisationIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'internal, customer or supplier' }) organisationKinds!: string[];
  @Field(() => [String], { defaultValue: [] }) roles!: string[];
  @Field(() => [ID], { defaultValue: [] }) groupIds!: string[];
}

@InputType('ServiceOfferingInput', { registerIn })
export class ServiceOfferingInput {
  @Field(() => ID) offeringId!: string;
  @Field() name!: string;
  @Field() availability!: string;
  @Field(() => ID, { nullable: true }) supportGroupId?: string | null;
  @Field(() => [ID], { defaultValue: [] }) slaDefinitionIds!: string[];
  @Field(() => [ID], { defaultValue: [], description: 'Only people of these organisations see and order the offering\'s items; empty: no restriction' }) customerOrgIds!: string[];
}

@InputType('PortfolioServiceInput', { registerIn })
export class PortfolioServiceInput {
  @Field() name!: string;
  @Field(() => ServiceKindGql) kind!: ServiceKind;
  @Field(() => ID) ownerId!: string;
  @Field(() => [ID], { defaultValue: [] }) configurationItemIds!: string[];
  @Field(() => [ServiceOfferingInput], { defaultValue: [] }) offerings!: ServiceOfferingInput[];
}
