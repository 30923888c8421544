import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { RiskLevel } from '../domain/change.model';
import { CRITICALITIES, RISK_CONDITION_KINDS } from '../domain/risk';
import type { Criticality, RiskConditionKind } from '../domain/risk';
import { ChangeGql, ChangeRiskGql, RiskLevelGql } from './change.types';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

export const RiskConditionKindGql = registerDomainEnum(RISK_CONDITION_KINDS, { name: 'ChangeRiskConditionKind', registerIn });
export const CriticalityGql = registerDomainEnum(CRITICALITIES, { name: 'ServiceCriticality', registerIn, description: 'A service CI\'s `criticality` attribute' });

@ObjectType('ChangeRiskCondition', { registerIn, description: 'A typed condition: only the fields of its kind are set' })
export class RiskConditionGql {
  @Field(() => RiskConditionKindGql) kind!: RiskConditionKind;
  @Field(() => [CriticalityGql], { nullable: true }) criticalities!: Criticality[] | null;
  @Field(() => Int, { nullable: true }) minimumHours!: number | null;
  @Field(() => Int, { nullable: true }) atLeast!: number | null;
  @Field(() => Int, { nullable: true }) withinDays!: number | null;
}

@ObjectType('ChangeRiskRule', { registerIn })
export class RiskRuleGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => RiskConditionGql) condition!: RiskConditionGql;
  @Field(() => RiskLevelGql) level!: RiskLevel;
  @Field() active!: boolean;
  @Field(() => Int) version!: number;
  @Field() updatedAt!: Date;
}

@InputType('ChangeRiskConditionInput', { registerIn })
export class RiskConditionInput {
  @Field(() => RiskConditionKindGql) kind!: RiskConditionKind;
  @Field(() => [CriticalityGql], { nullable: true }) criticalities?: Criticality[] | null;
  @Field(() => Int, { nullable: true }) minimumHours?: number | null;
  @Field(() => Int, { nullable: true }) atLeast?: number | null;
  @Field(() => Int, { nullable: true }) withinDays?: number | null;
}

@InputType('ChangeRiskRuleInput', { registerIn })
export class RiskRuleInputGql {
  @Field() name!: string;
  @Field(() => RiskConditionInput) condition!: RiskConditionInput;
  @Field(() => RiskLevelGql) level!: RiskLevel;
  @Field({ defaultValue: true }) active!: boolean;
}

@ObjectType('ChangeRiskAnswerOption', { registerIn })
export class RiskAnswerOptionGql {
  @Field() id!: string;
  @Field() text!: string;
  @Field(() => Int) weight!: number;
}

@InputType('ChangeRiskAnswerOptionInput', { registerIn })
export class RiskAnswerOptionInput {
  @Field() id!: string;
  @Field() text!: string;
  @Field(() => Int) weight!: number;
}

@ObjectType('ChangeRiskQuestion', { registerIn })
export class RiskQuestionGql {
  @Field() id!: string;
  @Field() text!: string;
  @Field(() => [RiskAnswerOptionGql]) answers!: RiskAnswerOptionGql[];
}

@InputType('ChangeRiskQuestionInput', { registerIn })
export class RiskQuestionInput {
  @Field() id!: string;
  @Field() text!: string;
  @Field(() => [RiskAnswerOptionInput]) answers!: RiskAnswerOptionInput[];
}

@ObjectType('ChangeRiskThreshold', { registerIn, description: 'From minScore on, the questionnaire gives level' })
export class RiskThresholdGql {
  @Field(() => Int) minScore!: number;
  @Field(() => RiskLevelGql) level!: RiskLevel;
}

@InputType('ChangeRiskThresholdInput', { registerIn })
export class RiskThresholdInput {
  @Field(() => Int) minScore!: number;
  @Field(() => RiskLevelGql) level!: RiskLevel;
}

@ObjectType('ChangeRiskQuestionnaire', { registerIn })
export class RiskQuestionnaireGql {
  @Field(() => [RiskQuestionGql]) questions!: RiskQuestionGql[];
  @Field(() => [RiskThresholdGql]) thresholds!: RiskThresholdGql[];
  @Field(() => Int) version!: number;
}

@InputType('ChangeRiskQuestionnaireInput', { registerIn })
export class RiskQuestionnaireInput {
  @Field(() => [RiskQuestionInput]) questions!: RiskQuestionInput[];
  @Field(() => [RiskThresholdInput]) thresholds!: RiskThresholdInput[];
}

@InputType('ChangeRiskAnswerInput', { registerIn })
export class RiskAnswerInput {
  @Field() questionId!: string;
  @Field() answerId!: string;
}

@ObjectType('ChangeRiskRuleMatch', { registerIn })
export class RiskRuleMatchGql {
  @Field(() => ID) ruleId!: string;
  @Field() name!: string;
  @Field(() => RiskLevelGql) level!: RiskLevel;
  @Field() reason!: string;
}

@ObjectType('ChangeRiskAssessment', { registerIn, description: 'The risk recorded on the change, with every rule that matched and the questionnaire\'s score' })
export class RiskAssessmentGql {
  @Field(() => ChangeGql) change!: ChangeGql;
  @Field(() => ChangeRiskGql) risk!: ChangeRiskGql;
  @Field(() => [RiskRuleMatchGql]) matchedRules!: RiskRuleMatchGql[];
  @Field(() => Int, { nullable: true, description: 'Null when the questionnaire is not answered' }) questionnaireScore!: number | null;
}
