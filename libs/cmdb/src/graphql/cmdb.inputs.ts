import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CmdbSchema } from './cmdb.schema-marker';

const registerIn = CmdbSchema;

@InputType('AttributeInput', { registerIn, description: 'An attribute value as text, typed by the class ("4" for an integer); null clears it' })
export class AttributeInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) @InputText('text') value!: string | null;
}

@InputType('DiscoveredRelationshipInput', { registerIn })
export class DiscoveredRelationshipInput {
  @Field() typeId!: string;
  @Field({ description: 'outbound: the discovered CI is the source; inbound: the target' }) direction!: string;
  @Field({ description: 'The class of the CI at the other end' }) classId!: string;
  @Field(() => [AttributeInput], { description: 'Attributes that identify the other CI (one identification rule of its class)' }) identifiers!: AttributeInput[];
}

@InputType('DiscoveredCiInput', { registerIn })
export class DiscoveredCiInput {
  @Field({ description: 'The discovery source reporting (its precedence and create right apply)' }) source!: string;
  @Field() classId!: string;
  @Field(() => [AttributeInput]) attributes!: AttributeInput[];
  @Field(() => [DiscoveredRelationshipInput], { defaultValue: [] }) relationships!: DiscoveredRelationshipInput[];
}

@InputType('ImpactAnalysisInput', { registerIn })
export class ImpactAnalysisInput {
  @Field(() => [ID]) ciIds!: string[];
  @Field({ defaultValue: 'downstream', description: 'downstream: what fails if these fail; upstream: what these need' }) direction!: string;
  @Field(() => Int, { defaultValue: 10 }) maxDepth!: number;
  @Field(() => [String], { nullable: true, description: 'Only these relationship types are followed' }) relationshipTypes?: string[];
  @Field({ defaultValue: true, description: 'Members already not operational count against their groups\' redundancy' }) considerStatus!: boolean;
  @Field(() => Int, { defaultValue: 200, description: 'How many impacted CIs are listed (totals are exact)' }) first!: number;
}

@InputType('AttributeDefinitionInput', { registerIn })
export class AttributeDefinitionInput {
  @Field() name!: string;
  @Field() label!: string;
  @Field() type!: string;
  @Field({ defaultValue: false }) required!: boolean;
  @Field(() => [String], { nullable: true }) values?: string[];
  @Field(() => Number, { nullable: true }) min?: number;
  @Field(() => Number, { nullable: true }) max?: number;
  @Field(() => Int, { nullable: true }) maxLength?: number;
}

@InputType('IdentificationRuleInput', { registerIn })
export class IdentificationRuleInput {
  @Field(() => [String]) attributes!: string[];
  @Field({ defaultValue: true }) perClass!: boolean;
}

@InputType('CiClassInput', { registerIn })
export class CiClassInput {
  @Field() id!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field({ defaultValue: false }) abstract!: boolean;
  @Field(() => [AttributeDefinitionInput], { description: 'Own attributes (inherited ones are not repeated)' }) attributes!: AttributeDefinitionInput[];
  @Field(() => [IdentificationRuleInput], { defaultValue: [] }) identificationRules!: IdentificationRuleInput[];
}

@InputType('RelationshipRuleInput', { registerIn })
export class RelationshipRuleInput {
  @Field() sourceClassId!: string;
  @Field() targetClassId!: string;
}

@InputType('RelationshipTypeInput', { registerIn })
export class RelationshipTypeInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field() inverseName!: string;
  @Field({ description: 'target_to_source, source_to_target or none' }) propagation!: string;
  @Field({ defaultValue: false }) membership!: boolean;
  @Field(() => [RelationshipRuleInput]) rules!: RelationshipRuleInput[];
}

@InputType('AttributePrecedenceInput', { registerIn })
export class AttributePrecedenceInput {
  @Field() attribute!: string;
  @Field(() => Int) precedence!: number;
}

@InputType('DiscoverySourceInput', { registerIn })
export class DiscoverySourceInput {
  @Field() id!: string;
  @Field() label!: string;
  @Field(() => Int) precedence!: number;
  @Field(() => [AttributePrecedenceInput], { defaultValue: [] }) attributePrecedence!: AttributePrecedenceInput[];
  @Field() mayCreate!: boolean;
  @Field(() => [String], {
    nullable: true,
    description: 'The keys feed records naming this source are signed with (whpk_ Ed25519 public keys or whsec_ HMAC secrets; one, two during a rotation); left out: the keys stay; []: the feed refuses the source',
  })
  verificationKeys?: string[] | null;
}
