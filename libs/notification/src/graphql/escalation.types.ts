import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { PersonChannel } from '../domain';
import { ESCALATION_STATES } from '../domain/escalation/escalation';
import type { EscalationState } from '../domain/escalation/escalation';
import { ESCALATION_TARGET_KINDS } from '../domain/escalation/escalation-policy';
import type { EscalationTargetKind } from '../domain/escalation/escalation-policy';
import { PersonChannelGql } from './notification-enums';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;
export const EscalationTargetKindGql = registerDomainEnum(ESCALATION_TARGET_KINDS, { name: 'EscalationTargetKind', registerIn });
export const EscalationStateGql = registerDomainEnum(ESCALATION_STATES, { name: 'EscalationState', registerIn });

@ObjectType('EscalationTarget', { registerIn })
@InputType('EscalationTargetInput', { registerIn })
export class EscalationTargetGql {
  @Field(() => EscalationTargetKindGql) kind!: EscalationTargetKind;
  @Field(() => ID, { nullable: true, description: 'person: the person paged' }) personId?: string | null;
  @Field(() => ID, { nullable: true, description: 'on_call, group_manager, group_members: a fixed group (null: the escalation\'s own group)' }) groupId?: string | null;
}

@ObjectType('EscalationLevel', { registerIn })
@InputType('EscalationLevelInput', { registerIn })
export class EscalationLevelGql {
  @Field(() => [EscalationTargetGql]) targets!: EscalationTargetGql[];
  @Field(() => Int, { description: 'Minutes it waits for an acknowledgement before the next level' }) delayMinutes!: number;
  @Field(() => [PersonChannelGql]) channels!: PersonChannel[];
}

/** The fields a policy's input and output share. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
abstract class EscalationPolicyFieldsGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [EscalationLevelGql]) levels!: EscalationLevelGql[];
}

@InputType('EscalationPolicyInput', { registerIn })
export class EscalationPolicyGqlInput extends EscalationPolicyFieldsGql {}

@ObjectType('EscalationPolicy', { registerIn })
export class EscalationPolicyGql extends EscalationPolicyFieldsGql {}
export const EscalationPolicyConnectionGql = Connection(EscalationPolicyGql, { name: 'EscalationPolicy', registerIn });

@ObjectType('EscalationPagedLevel', { registerIn, description: 'A level as it was paged: whom, when, and when the next one falls due unless acknowledged' })
export class PagedLevelGql {
  @Field(() => Int) level!: number;
  @Field(() => [ID]) personIds!: string[];
  @Field(() => GraphQLISODateTime) pagedAt!: Date;
  @Field(() => GraphQLISODateTime) nextLevelAt!: Date;
}

@ObjectType('Escalation', { registerIn, description: 'One run of an escalation policy on a ticket' })
export class EscalationGql {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyId!: string;
  @Field() ticketTopic!: string;
  @Field(() => ID) ticketId!: string;
  @Field(() => String, { nullable: true }) ticketNumber!: string | null;
  @Field(() => ID, { nullable: true }) groupId!: string | null;
  @Field(() => EscalationStateGql) state!: EscalationState;
  @Field(() => Int, { description: 'The level paged last (1-based)' }) level!: number;
  @Field(() => [PagedLevelGql]) paged!: PagedLevelGql[];
  @Field(() => [EscalationLevelGql], { description: 'The levels as the policy had them when it started' }) levels!: EscalationLevelGql[];
  @Field() startedBy!: string;
  @Field(() => GraphQLISODateTime) startedAt!: Date;
  @Field(() => ID, { nullable: true }) acknowledgedBy!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) exhaustedAt!: Date | null;
}
