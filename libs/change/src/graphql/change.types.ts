import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CHANGE_MODELS, CHANGE_STATES, CLOSE_CODES, RISK_LEVELS, TEMPLATE_STATES } from '../domain';
import type { ChangeModel, ChangeState, CloseCode, RiskLevel, TemplateState } from '../domain';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

export const ChangeModelGql = registerDomainEnum(CHANGE_MODELS, { name: 'ChangeModel', registerIn });
export const ChangeStateGql = registerDomainEnum(CHANGE_STATES, { name: 'ChangeState', registerIn });
export const CloseCodeGql = registerDomainEnum(CLOSE_CODES, { name: 'ChangeCloseCode', registerIn });
export const RiskLevelGql = registerDomainEnum(RISK_LEVELS, { name: 'ChangeRiskLevel', registerIn, description: 'Ordered: a later level is a higher risk' });
export const TemplateStateGql = registerDomainEnum(TEMPLATE_STATES, { name: 'ChangeTemplateState', registerIn });
export const RiskDeciderGql = registerDomainEnum(['rule', 'questionnaire', 'default'] as const, { name: 'ChangeRiskDecider', registerIn });
export const AuditBreakGql = registerDomainEnum(['sequence', 'link', 'hash'] as const, { name: 'ChangeAuditBreak', registerIn });

@ObjectType('ChangePlans', { registerIn })
export class ChangePlansGql {
  @Field() implementation!: string;
  @Field() backout!: string;
  @Field() test!: string;
}

@ObjectType('ChangeWindow', { registerIn, description: 'Start inclusive, end exclusive' })
export class ChangeWindowGql {
  @Field() start!: Date;
  @Field() end!: Date;
}

@ObjectType('ChangeRisk', { registerIn, description: 'The risk and what decided it (the higher risk wins)' })
export class ChangeRiskGql {
  @Field(() => RiskLevelGql) level!: RiskLevel;
  @Field(() => RiskDeciderGql) decidedBy!: 'rule' | 'questionnaire' | 'default';
  @Field(() => String, { nullable: true }) ruleId!: string | null;
  @Field() reason!: string;
}

@ObjectType('ChangeReview', { registerIn, description: 'The post-implementation review' })
export class ChangeReviewGql {
  @Field(() => CloseCodeGql) outcome!: CloseCode;
  @Field() lessons!: string;
  @Field() by!: string;
  @Field() at!: Date;
}

@ObjectType('ChangeAuditEntry', { registerIn, description: 'One link of the change\'s tamper-evident chain: hash = SHA-256 over the entry and prevHash' })
export class ChangeAuditEntryGql {
  @Field(() => Int) seq!: number;
  @Field() type!: string;
  @Field() at!: string;
  @Field() by!: string;
  @Field({ description: 'SHA-256 of the event payload (canonical JSON)' }) digest!: string;
  @Field() prevHash!: string;
  @Field() hash!: string;
}

@ObjectType('ChangeAuditVerdict', { registerIn })
export class ChangeAuditVerdictGql {
  @Field() ok!: boolean;
  @Field(() => Int, { description: 'Entries checked (all of them when ok)' }) entries!: number;
  @Field(() => Int, { nullable: true, description: 'The first broken entry' }) brokenSeq!: number | null;
  @Field(() => AuditBreakGql, { nullable: true }) reason!: 'sequence' | 'link' | 'hash' | null;
  @Field(() => String, { nullable: true }) detail!: string | null;
}

@ObjectType('Change', { registerIn })
@Directive('@key(fields: "id")')
export class ChangeGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Human-readable number, e.g. CHG0001000' }) number!: string;
  @Field(() => ChangeModelGql) model!: ChangeModel;
  @Field(() => ChangeStateGql) state!: ChangeState;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) templateId!: string | null;
  @Field() requesterId!: string;
  @Field(() => String, { nullable: true }) assignmentGroupId!: string | null;
  @Field(() => String, { nullable: true, description: 'The assignment group\'s supplier organisation' }) assignedOrgId!: string | null;
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => ChangePlansGql) plans!: ChangePlansGql;
  @Field(() => ChangeWindowGql, { nullable: true }) planned!: ChangeWindowGql | null;
  @Field(() => Date, { nullable: true }) actualStart!: Date | null;
  @Field(() => Date, { nullable: true }) actualEnd!: Date | null;
  @Field(() => ChangeRiskGql, { nullable: true }) risk!: ChangeRiskGql | null;
  @Field(() => CloseCodeGql, { nullable: true }) closeCode!: CloseCode | null;
  @Field(() => String, { nullable: true }) closeNotes!: string | null;
  @Field(() => Date, { nullable: true }) authorisedAt!: Date | null;
  @Field({ description: 'An emergency change authorised after its implementation started' }) retrospectivelyAuthorised!: boolean;
  @Field(() => String, { nullable: true }) blackoutOverrideReason!: string | null;
  @Field(() => ChangeReviewGql, { nullable: true }) review!: ChangeReviewGql | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const ChangeConnectionGql = Connection(ChangeGql, { name: 'Change', registerIn });

@ObjectType('ChangeTemplate', { registerIn, description: 'A standard change template (pre-approved)' })
export class ChangeTemplateGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => TemplateStateGql) state!: TemplateState;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => ChangePlansGql) plans!: ChangePlansGql;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => String, { nullable: true }) assignmentGroupId!: string | null;
  @Field(() => Int) durationMinutes!: number;
  @Field({ description: 'Pass as `after` for the next page' }) cursor!: string;
  @Field(() => Int) version!: number;
}
