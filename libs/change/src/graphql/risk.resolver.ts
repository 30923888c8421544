import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AssessChangeRiskCommand } from '../application/commands/assess-change-risk/assess-change-risk.command';
import { AssessChangeRiskHandler } from '../application/commands/assess-change-risk/assess-change-risk.handler';
import { DeleteRiskRuleCommand } from '../application/commands/delete-risk-rule/delete-risk-rule.command';
import { DeleteRiskRuleHandler } from '../application/commands/delete-risk-rule/delete-risk-rule.handler';
import { SaveRiskQuestionnaireCommand } from '../application/commands/save-risk-questionnaire/save-risk-questionnaire.command';
import { SaveRiskQuestionnaireHandler } from '../application/commands/save-risk-questionnaire/save-risk-questionnaire.handler';
import { SaveRiskRuleCommand } from '../application/commands/save-risk-rule/save-risk-rule.command';
import { SaveRiskRuleHandler } from '../application/commands/save-risk-rule/save-risk-rule.handler';
import { RiskQuestionnaireStore, RiskRuleStore } from '../application/ports/risk-stores.port';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_EDITORS, CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';
import { answersOf, questionnaireInputOf, riskRuleInputOf, toAssessmentGql, toQuestionnaireGql, toRiskRuleGql } from './risk-cab-graphql.mapper';
import { RiskAnswerInput, RiskAssessmentGql, RiskQuestionnaireGql, RiskQuestionnaireInput, RiskRuleGql, RiskRuleInputGql } from './risk.types';

/** Risk rules and the questionnaire (change managers and admins edit them), and a change's risk assessment. */
@Resolver()
@UseFilters(changeErrorFilter)
export class ChangeRiskResolver {
  constructor(
    private readonly rules: RiskRuleStore,
    private readonly questionnaires: RiskQuestionnaireStore,
    private readonly saveRule: SaveRiskRuleHandler,
    private readonly deleteRule: DeleteRiskRuleHandler,
    private readonly saveQuestionnaire: SaveRiskQuestionnaireHandler,
    private readonly assess: AssessChangeRiskHandler,
  ) {}

  @Query(() => [RiskRuleGql], { description: 'Every risk rule, by name' })
  @Roles(...CHANGE_READERS)
  async changeRiskRules(): Promise<RiskRuleGql[]> {
    return (await this.rules.all()).map(toRiskRuleGql);
  }

  @Query(() => RiskQuestionnaireGql, { nullable: true, description: 'The risk questionnaire, null until an admin defines it' })
  @Roles(...CHANGE_READERS)
  async changeRiskQuestionnaire(): Promise<RiskQuestionnaireGql | null> {
    const questionnaire = await this.questionnaires.get();
    return questionnaire === undefined ? null : toQuestionnaireGql(questionnaire);
  }

  @Mutation(() => RiskRuleGql, { description: 'Creates a rule (no expectedVersion) or replaces one at the version read' })
  @Roles(...CHANGE_MANAGERS)
  async saveChangeRiskRule(
    @Args('input') input: RiskRuleInputGql,
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number | null,
  ): Promise<RiskRuleGql> {
    return toRiskRuleGql(await this.saveRule.execute(new SaveRiskRuleCommand(riskRuleInputOf(input), id ?? undefined, expectedVersion ?? undefined)));
  }

  @Mutation(() => ID, { description: 'Deletes a rule; changes keep the risk it gave them' })
  @Roles(...CHANGE_MANAGERS)
  async deleteChangeRiskRule(@Args('id', { type: () => ID }) id: string): Promise<string> {
    await this.deleteRule.execute(new DeleteRiskRuleCommand(id));
    return id;
  }

  @Mutation(() => RiskQuestionnaireGql, { description: 'Replaces the questionnaire at the version read (0: none yet)' })
  @Roles(...CHANGE_MANAGERS)
  async saveChangeRiskQuestionnaire(@Args('input') input: RiskQuestionnaireInput, @Args('expectedVersion', { type: () => Int }) expectedVersion: number): Promise<RiskQuestionnaireGql> {
    return toQuestionnaireGql(await this.saveQuestionnaire.execute(new SaveRiskQuestionnaireCommand(questionnaireInputOf(input), expectedVersion)));
  }

  @Mutation(() => RiskAssessmentGql, { description: 'Assesses a change now, with new questionnaire answers (kept) or the last ones' })
  @Roles(...CHANGE_EDITORS)
  async assessChangeRisk(
    @CurrentPrincipal() viewer: Principal,
    @Args('changeId', { type: () => ID }) changeId: string,
    @Args('answers', { type: () => [RiskAnswerInput], nullable: true }) answers?: RiskAnswerInput[] | null,
  ): Promise<RiskAssessmentGql> {
    return toAssessmentGql(await this.assess.execute(new AssessChangeRiskCommand(changeId, viewer.userId, answersOf(answers), viewer)));
  }
}
