import { Connection } from '@itsm/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CmdbSchema } from './cmdb.schema-marker';

const registerIn = CmdbSchema;

@ObjectType('CiAttribute', { registerIn, description: 'One attribute of a CI: its value as text (typed by `type`) and which source set it' })
export class CiAttributeGql {
  @Field() name!: string;
  @Field({ description: 'string, text, integer, number, boolean, datetime, enum, ip_address or time_zone' }) type!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => String, { nullable: true, description: 'The discovery source (or manual) that set the value' }) source!: string | null;
  @Field(() => String, { nullable: true }) setBy!: string | null;
  @Field(() => String, { nullable: true }) setAt!: string | null;
}

@ObjectType('CiAttributeChange', { registerIn })
export class CiAttributeChangeGql {
  @Field() attribute!: string;
  @Field(() => String, { nullable: true }) old!: string | null;
  @Field(() => String, { nullable: true }) new!: string | null;
}

@ObjectType('CiHistoryEntry', { registerIn, description: 'One change of a CI: who, through which source, when, old -> new' })
export class CiHistoryEntryGql {
  @Field(() => Int) version!: number;
  @Field({ description: 'created, updated or retired' }) kind!: string;
  @Field() source!: string;
  @Field() by!: string;
  @Field() at!: string;
  @Field(() => [CiAttributeChangeGql]) changes!: CiAttributeChangeGql[];
}

@ObjectType('ConfigurationItem', { registerIn })
@Directive('@key(fields: "id")')
export class ConfigurationItemGql {
  @Field(() => ID) id!: string;
  @Field() classId!: string;
  @Field() className!: string;
  @Field() name!: string;
  @Field({ description: 'active or retired' }) state!: string;
  @Field({ description: 'operational, degraded, non_operational or maintenance' }) operationalStatus!: string;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field(() => [CiAttributeGql]) attributes!: CiAttributeGql[];
}

@ObjectType('CiRelationship', { registerIn, description: 'A relationship as read from one of its CIs' })
export class CiRelationshipGql {
  @Field(() => ID) id!: string;
  @Field() typeId!: string;
  @Field({ description: 'outbound: this CI is the source; inbound: the target' }) direction!: string;
  @Field({ description: 'How it reads from this CI: "depends on", or the inverse "used by"' }) reading!: string;
  @Field(() => ID) otherCiId!: string;
  @Field(() => String, { nullable: true }) otherCiName!: string | null;
  @Field() source!: string;
  @Field() createdBy!: string;
  @Field() createdAt!: string;
}

@ObjectType('Relationship', { registerIn })
export class RelationshipGql {
  @Field(() => ID) id!: string;
  @Field() typeId!: string;
  @Field(() => ID) sourceId!: string;
  @Field(() => ID) targetId!: string;
  @Field({ description: 'active or removed' }) state!: string;
  @Field() source!: string;
  @Field() changed!: boolean;
}

export const CiConnectionGql = Connection(ConfigurationItemGql, { name: 'Ci', registerIn });

@ObjectType('HeldAttribute', { registerIn, description: 'A reported value not written: a source of higher precedence holds the attribute' })
export class HeldAttributeGql {
  @Field() attribute!: string;
  @Field() heldBy!: string;
}

@ObjectType('IdentificationConflict', { registerIn, description: 'An identification key of this CI another CI already holds (a likely duplicate pair)' })
export class IdentificationConflictGql {
  @Field() key!: string;
  @Field(() => ID) ciId!: string;
}

@ObjectType('DiscoveredRelationshipResult', { registerIn })
export class DiscoveredRelationshipResultGql {
  @Field() typeId!: string;
  @Field() direction!: string;
  @Field(() => ID, { nullable: true }) targetId!: string | null;
  @Field({ description: 'added, exists, unresolved (no CI matches) or rejected (code says why)' }) outcome!: string;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType('ReconcileResult', { registerIn })
export class ReconcileResultGql {
  @Field(() => ConfigurationItemGql) ci!: ConfigurationItemGql;
  @Field({ description: 'created, updated or unchanged' }) outcome!: string;
  @Field(() => [HeldAttributeGql]) heldAttributes!: HeldAttributeGql[];
  @Field(() => [IdentificationConflictGql]) identificationConflicts!: IdentificationConflictGql[];
  @Field(() => [DiscoveredRelationshipResultGql]) relationships!: DiscoveredRelationshipResultGql[];
}

@ObjectType('ImpactPathStep', { registerIn })
export class ImpactPathStepGql {
  @Field(() => ID, { description: 'The CI this hop leaves from' }) ciId!: string;
  @Field() ciName!: string;
  @Field(() => ID) relationshipId!: string;
  @Field() typeId!: string;
  @Field({ description: 'How the relationship reads in the hop\'s direction ("runs", "used by", "member of")' }) reading!: string;
}

@ObjectType('RedundancyState', { registerIn })
export class RedundancyStateGql {
  @Field(() => Int) members!: number;
  @Field(() => Int) unavailable!: number;
  @Field(() => Int, { description: 'Members that must be available' }) required!: number;
  @Field(() => [ID]) unavailableMembers!: string[];
}

@ObjectType('ImpactedCi', { registerIn })
export class ImpactedCiGql {
  @Field(() => ID) ciId!: string;
  @Field() classId!: string;
  @Field() name!: string;
  @Field(() => Int) depth!: number;
  @Field() service!: boolean;
  @Field(() => [ImpactPathStepGql], { description: 'From an origin to this CI, one step per hop' }) path!: ImpactPathStepGql[];
  @Field({ description: 'The path in words: "db-01 runs app-01, used by Payments"' }) explanation!: string;
  @Field(() => RedundancyStateGql, { nullable: true, description: 'For a redundancy group: why it is impacted' }) redundancy!: RedundancyStateGql | null;
}

@ObjectType('RedundancyHeld', { registerIn, description: 'A group reached whose redundancy held: not impacted' })
export class RedundancyHeldGql {
  @Field(() => ID) ciId!: string;
  @Field() name!: string;
  @Field(() => RedundancyStateGql) redundancy!: RedundancyStateGql;
}

@ObjectType('ImpactAnalysis', { registerIn })
export class ImpactAnalysisGql {
  @Field() direction!: string;
  @Field(() => [ID]) origins!: string[];
  @Field(() => [ID]) unknownOrigins!: string[];
  @Field(() => [ImpactedCiGql], { description: 'Nearest first; at most `first`' }) impacted!: ImpactedCiGql[];
  @Field(() => [ImpactedCiGql], { description: 'The listed impacted CIs that are services (business services, offerings, application services); totalServices counts them all' }) services!: ImpactedCiGql[];
  @Field(() => Int) totalImpacted!: number;
  @Field(() => Int) totalServices!: number;
  @Field() truncated!: boolean;
  @Field({ description: 'Some CI at maxDepth had further relationships that were not followed' }) depthLimitReached!: boolean;
  @Field(() => [RedundancyHeldGql]) redundancyHeld!: RedundancyHeldGql[];
}

@ObjectType('AffectedService', { registerIn })
export class AffectedServiceGql {
  @Field(() => ID) ciId!: string;
  @Field() classId!: string;
  @Field() name!: string;
  @Field(() => Int, { description: '0: the incident names the service itself' }) depth!: number;
  @Field({ description: 'Why it is affected, from one of the incident\'s CIs' }) explanation!: string;
  @Field(() => [ImpactPathStepGql]) path!: ImpactPathStepGql[];
}

// registerIn: the incident subgraph's own `Incident` type lives in the same process in the all-in-one mode.
@ObjectType('Incident', { registerIn })
@Directive('@key(fields: "id")')
export class IncidentRefGql {
  @Field(() => ID) id!: string;
  @Field(() => [String])
  @Directive('@external')
  configurationItemIds!: string[];
}

@ObjectType('AttributeDefinition', { registerIn })
export class AttributeDefinitionGql {
  @Field() name!: string;
  @Field() label!: string;
  @Field() type!: string;
  @Field() required!: boolean;
  @Field(() => [String], { nullable: true }) values!: string[] | null;
  @Field(() => Number, { nullable: true }) min!: number | null;
  @Field(() => Number, { nullable: true }) max!: number | null;
  @Field(() => Int, { nullable: true }) maxLength!: number | null;
  @Field({ description: 'The class that declares it (inherited attributes name an ancestor)' }) declaredBy!: string;
}

@ObjectType('IdentificationRule', { registerIn })
export class IdentificationRuleGql {
  @Field(() => [String]) attributes!: string[];
  @Field() perClass!: boolean;
  @Field() declaredBy!: string;
}

@ObjectType('CiClass', { registerIn })
export class CiClassGql {
  @Field() id!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field() abstract!: boolean;
  @Field() builtIn!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => [String], { description: 'The class, its parent, ..., ci' }) lineage!: string[];
  @Field(() => [AttributeDefinitionGql], { description: 'Own and inherited' }) attributes!: AttributeDefinitionGql[];
  @Field(() => [IdentificationRuleGql], { description: 'In the order they are tried' }) identificationRules!: IdentificationRuleGql[];
}

@ObjectType('RelationshipRule', { registerIn })
export class RelationshipRuleGql {
  @Field() sourceClassId!: string;
  @Field() targetClassId!: string;
}

@ObjectType('RelationshipType', { registerIn })
export class RelationshipTypeGql {
  @Field() id!: string;
  @Field() name!: string;
  @Field() inverseName!: string;
  @Field({ description: 'target_to_source, source_to_target or none' }) propagation!: string;
  @Field() membership!: boolean;
  @Field(() => [RelationshipRuleGql]) rules!: RelationshipRuleGql[];
  @Field() builtIn!: boolean;
  @Field(() => Int) version!: number;
}

@ObjectType('AttributePrecedence', { registerIn })
export class AttributePrecedenceGql {
  @Field() attribute!: string;
  @Field(() => Int) precedence!: number;
}

@ObjectType('SourceVerificationKey', { registerIn, description: 'A key a discovery source signs its feed records with, as shown: never the key itself' })
export class SourceVerificationKeyGql {
  @Field({ description: 'sha256: and the first 16 hex digits of the key string\'s SHA-256' }) id!: string;
  @Field({ description: 'ed25519 (a public key) or hmac (a shared secret)' }) kind!: string;
}

@ObjectType('DiscoverySource', { registerIn })
export class DiscoverySourceGql {
  @Field() id!: string;
  @Field() label!: string;
  @Field(() => Int) precedence!: number;
  @Field(() => [AttributePrecedenceGql]) attributePrecedence!: AttributePrecedenceGql[];
  @Field() mayCreate!: boolean;
  @Field(() => [SourceVerificationKeyGql], { description: 'None: the discovery feed refuses records naming this source' }) verificationKeys!: SourceVerificationKeyGql[];
  @Field() builtIn!: boolean;
  @Field(() => Int) version!: number;
}
