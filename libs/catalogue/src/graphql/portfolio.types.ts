import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ENTITLEMENT_EFFECTS, SERVICE_KINDS, SERVICE_LIFECYCLES, VARIABLE_TYPES } from '../domain';
import type { EntitlementEffect, ServiceKind, ServiceLifecycle, VariableType } from '../domain';
import { CatalogueSchema } from './catalogue.schema-marker';

const registerIn = CatalogueSchema;

export const ServiceKindGql = registerDomainEnum(SERVICE_KINDS, { name: 'ServiceKind', registerIn });
export const ServiceLifecycleGql = registerDomainEnum(SERVICE_LIFECYCLES, { name: 'ServiceLifecycle', registerIn, description: 'pipeline -> live (steering approval) -> retired' });
export const CatalogItemStatusGql = registerDomainEnum(['published', 'retired'] as const, { name: 'CatalogItemStatus', registerIn });
export const EntitlementEffectGql = registerDomainEnum(ENTITLEMENT_EFFECTS, { name: 'EntitlementEffect', registerIn, description: 'deny beats grant' });
export const FormVariableTypeGql = registerDomainEnum(VARIABLE_TYPES, { name: 'FormVariableType', registerIn });
export const ServiceApprovalVerdictGql = registerDomainEnum(['approved', 'rejected'] as const, { name: 'ServiceApprovalVerdict', registerIn });

@ObjectType('CatalogCategory', { registerIn })
export class CatalogCategoryGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
}

@ObjectType('ServiceOffering', { registerIn })
export class ServiceOfferingGql {
  @Field(() => ID) offeringId!: string;
  @Field() name!: string;
  @Field() availability!: string;
  @Field(() => ID, { nullable: true }) supportGroupId!: string | null;
  @Field(() => [ID]) slaDefinitionIds!: string[];
  @Field(() => [ID], { description: 'The organisations the offering is delivered to: only their people see and order its items (besides entitlement rules). Empty: no restriction by organisation' }) customerOrgIds!: string[];
}

@ObjectType('ServiceApprovalDecision', { registerIn })
export class ServiceApprovalDecisionGql {
  @Field(() => ID) approverId!: string;
  @Field(() => ServiceApprovalVerdictGql) decision!: 'approved' | 'rejected';
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field() at!: Date;
}

@ObjectType('ServiceApprovalLevel', { registerIn })
export class ServiceApprovalLevelGql {
  @Field(() => Int) index!: number;
  @Field() name!: string;
  @Field({ description: 'waiting, pending, approved, rejected, skipped or canceled' }) status!: string;
  @Field(() => [ID]) approverIds!: string[];
  @Field(() => [ServiceApprovalDecisionGql]) decisions!: ServiceApprovalDecisionGql[];
}

@ObjectType('ServiceApproval', { registerIn, description: "The service's go-live approval (portfolio steering)" })
export class ServiceApprovalGql {
  @Field({ description: 'pending, approved, rejected or canceled' }) outcome!: string;
  @Field(() => [ServiceApprovalLevelGql]) levels!: ServiceApprovalLevelGql[];
}

@ObjectType('PortfolioService', { registerIn, description: 'A business or technical service of the portfolio' })
export class PortfolioServiceGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ServiceKindGql) kind!: ServiceKind;
  @Field(() => ServiceLifecycleGql) lifecycle!: ServiceLifecycle;
  @Field(() => ID) ownerId!: string;
  @Field(() => [ID], { description: "The CMDB's service CIs" }) configurationItemIds!: string[];
  @Field(() => [ServiceOfferingGql]) offerings!: ServiceOfferingGql[];
  @Field(() => ServiceApprovalGql, { nullable: true }) approval!: ServiceApprovalGql | null;
}

@ObjectType('CatalogChoiceOption', { registerIn })
export class CatalogChoiceOptionGql {
  @Field() value!: string;
  @Field() label!: string;
}

@ObjectType('CatalogFormVariable', { registerIn, description: 'A form variable as a portal renders it (null where a field does not apply)' })
export class CatalogFormVariableGql {
  @Field() name!: string;
  @Field() label!: string;
  @Field(() => FormVariableTypeGql) type!: VariableType;
  @Field(() => String, { nullable: true, description: 'person, group, configuration_item or service for a reference' }) reference!: string | null;
  @Field(() => String, { nullable: true }) help!: string | null;
  @Field() required!: boolean;
  @Field(() => String, { nullable: true, description: 'JSON condition: {"variable":"x","equals":[...]}, {"variable":"x","isSet":true}, {"all":[...]}, {"any":[...]}' }) visibleWhen!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON condition, as visibleWhen' }) requiredWhen!: string | null;
  @Field(() => Int, { nullable: true }) minLength!: number | null;
  @Field(() => Int, { nullable: true }) maxLength!: number | null;
  @Field(() => String, { nullable: true }) pattern!: string | null;
  @Field(() => Number, { nullable: true }) min!: number | null;
  @Field(() => Number, { nullable: true }) max!: number | null;
  @Field() integer!: boolean;
  @Field(() => String, { nullable: true }) minDate!: string | null;
  @Field(() => String, { nullable: true }) maxDate!: string | null;
  @Field(() => [CatalogChoiceOptionGql]) options!: CatalogChoiceOptionGql[];
  @Field(() => Int, { nullable: true }) minSelections!: number | null;
  @Field(() => Int, { nullable: true }) maxSelections!: number | null;
  @Field(() => String, { nullable: true, description: 'JSON value' }) defaultValue!: string | null;
}

@ObjectType('CatalogPlanTask', { registerIn })
export class CatalogPlanTaskGql {
  @Field() key!: string;
  @Field() title!: string;
  @Field(() => ID) groupId!: string;
  @Field(() => [String]) variables!: string[];
  @Field(() => [String]) predecessors!: string[];
}

@ObjectType('CatalogItemPrice', { registerIn, description: 'Minor units of the currency' })
export class CatalogItemPriceGql {
  @Field() currency!: string;
  @Field(() => Number) oneOffMinor!: number;
  @Field(() => Number) recurringMonthlyMinor!: number;
}

@ObjectType('CatalogItem', { registerIn, description: 'One version of a catalogue item (the current one unless asked)' })
export class CatalogItemGql {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => Int) currentVersion!: number;
  @Field(() => CatalogItemStatusGql) status!: 'published' | 'retired';
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => ID, { nullable: true }) serviceId!: string | null;
  @Field(() => ID, { nullable: true }) offeringId!: string | null;
  @Field(() => CatalogItemPriceGql) price!: CatalogItemPriceGql;
  @Field(() => Int) leadTimeDays!: number;
  @Field(() => [ID]) entitlementRuleIds!: string[];
  @Field(() => [CatalogFormVariableGql], { description: 'The form as data, in form order' }) form!: CatalogFormVariableGql[];
  @Field(() => [CatalogPlanTaskGql], { description: 'The fulfilment plan, predecessors first' }) plan!: CatalogPlanTaskGql[];
  @Field(() => Int) approvalPolicyCount!: number;
}

export const CatalogItemConnectionGql = Connection(CatalogItemGql, { name: 'CatalogItem', registerIn });
export const PortfolioServiceConnectionGql = Connection(PortfolioServiceGql, { name: 'PortfolioService', registerIn });

@ObjectType('EntitlementRule', { registerIn, description: 'Matches a requester when ANY criterion does' })
export class EntitlementRuleGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => EntitlementEffectGql) effect!: EntitlementEffect;
  @Field(() => [ID]) organisationIds!: string[];
  @Field(() => [String]) organisationKinds!: string[];
  @Field(() => [String]) roles!: string[];
  @Field(() => [ID]) groupIds!: string[];
}

export const EntitlementRuleConnectionGql = Connection(EntitlementRuleGql, { name: 'EntitlementRule', registerIn });
