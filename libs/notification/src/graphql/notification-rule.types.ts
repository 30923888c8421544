import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CONDITION_OPERATORS, DROP_REASONS, RECIPIENT_KINDS } from '../domain';
import type { ConditionOperator, DropReason, EndpointChannel, NotificationCategory, PersonChannel, RecipientKind } from '../domain';
import { EndpointChannelGql, NotificationCategoryGql, PersonChannelGql } from './notification-enums';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;
export const ConditionOperatorGql = registerDomainEnum(CONDITION_OPERATORS, { name: 'NotificationConditionOperator', registerIn });
export const RecipientKindGql = registerDomainEnum(RECIPIENT_KINDS, { name: 'NotificationRecipientKind', registerIn });
export const DropReasonGql = registerDomainEnum(DROP_REASONS, { name: 'NotificationDropReason', registerIn });

@ObjectType('NotificationRuleCondition', { registerIn })
@InputType('NotificationRuleConditionInput', { registerIn })
export class RuleConditionGql {
  @Field({ description: 'event.<path> (the payload) or ticket.<path> (the ticket facts after the event)' }) field!: string;
  @Field(() => ConditionOperatorGql) operator!: ConditionOperator;
  @Field({ description: 'The value as JSON: 2, "in_progress", [1,2], true' }) valueJson!: string;
}

@ObjectType('NotificationRecipientSpec', { registerIn })
@InputType('NotificationRecipientSpecInput', { registerIn })
export class RecipientSpecGql {
  @Field(() => RecipientKindGql) kind!: RecipientKind;
  @Field(() => ID, { nullable: true, description: 'person: the person' }) personId?: string | null;
  @Field(() => ID, { nullable: true, description: 'group: the group; on_call: a fixed group (else the ticket group)' }) groupId?: string | null;
  @Field(() => String, { nullable: true, description: 'address: the mail address' }) address?: string | null;
}

@ObjectType('NotificationRuleEndpoint', { registerIn })
@InputType('NotificationRuleEndpointInput', { registerIn })
export class RuleEndpointGql {
  @Field(() => ID) endpointId!: string;
  @Field(() => EndpointChannelGql) channel!: EndpointChannel;
}

/** The fields a rule's input and output share. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
abstract class RuleFieldsGql {
  @Field() name!: string;
  @Field() eventType!: string;
  @Field(() => [RuleConditionGql]) conditions!: RuleConditionGql[];
  @Field(() => [RecipientSpecGql]) recipients!: RecipientSpecGql[];
  @Field(() => [PersonChannelGql]) channels!: PersonChannel[];
  @Field(() => [RuleEndpointGql]) endpoints!: RuleEndpointGql[];
  @Field(() => NotificationCategoryGql) category!: NotificationCategory;
  @Field() urgent!: boolean;
  @Field() templateId!: string;
  @Field(() => ID, { nullable: true, description: 'The escalation action: this policy starts on the ticket when the rule matches (paging its group\'s on-call people first)' }) escalationPolicyId?: string | null;
}

@InputType('NotificationRuleInput', { registerIn })
export class NotificationRuleGqlInput extends RuleFieldsGql {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType('NotificationRule', { registerIn })
export class NotificationRuleGql extends RuleFieldsGql {
  @Field(() => ID) id!: string;
  @Field() enabled!: boolean;
}
export const NotificationRuleConnectionGql = Connection(NotificationRuleGql, { name: 'NotificationRule', registerIn });

@ObjectType('NotificationEventField', { registerIn })
export class EventFieldGql {
  @Field() path!: string;
  @Field(() => [String], { description: 'string, number, boolean, array, object, null' }) types!: string[];
}

@ObjectType('NotificationEventType', { registerIn, description: 'An event type rules may name, with its payload fields' })
export class EventTypeGql {
  @Field() type!: string;
  @Field() topic!: string;
  @Field(() => [EventFieldGql]) fields!: EventFieldGql[];
}

@ObjectType('NotificationDryRunCandidate', { registerIn })
export class DryRunCandidateGql {
  @Field(() => ID) ruleId!: string;
  @Field({ description: 'person:<id>, address:<mail> or endpoint:<id>' }) recipient!: string;
  @Field() channel!: string;
  @Field(() => DropReasonGql, { nullable: true, description: 'Why it gets nothing; null: it would be notified' }) dropped!: DropReason | null;
}

@ObjectType('NotificationDryRunEscalation', { registerIn, description: 'The escalation a rule would start: its policy and whom level 1 would page' })
export class DryRunEscalationGql {
  @Field(() => ID) policyId!: string;
  @Field() policyName!: string;
  @Field(() => ID, { nullable: true, description: "The ticket's group, which the policy's targets without a group stand for" }) groupId!: string | null;
  @Field(() => [ID], { description: "Level 1's active people at the event's time (on call as scheduled then)" }) personIds!: string[];
  @Field(() => [PersonChannelGql], { description: 'The channels level 1 pages on' }) channels!: PersonChannel[];
  @Field(() => Int, { description: 'Minutes level 1 has to acknowledge before the next level' }) delayMinutes!: number;
}

@ObjectType('NotificationDryRun', { registerIn })
export class DryRunGql {
  @Field() eventType!: string;
  @Field() matched!: boolean;
  @Field(() => [DryRunCandidateGql]) candidates!: DryRunCandidateGql[];
  @Field(() => DryRunEscalationGql, { nullable: true, description: 'The escalation the rule would start; null when it does not match or names no policy' }) escalation!: DryRunEscalationGql | null;
}
