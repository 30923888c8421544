import { ChangeErrorCode } from '../../../domain/change.errors';
import { InMemoryRiskQuestionnaire, InMemoryRiskRules, TestClock } from '../../test-fixtures/in-memory-risk';
import { DeleteRiskRuleCommand } from '../delete-risk-rule/delete-risk-rule.command';
import { DeleteRiskRuleHandler } from '../delete-risk-rule/delete-risk-rule.handler';
import { SaveRiskQuestionnaireCommand } from '../save-risk-questionnaire/save-risk-questionnaire.command';
import { SaveRiskQuestionnaireHandler } from '../save-risk-questionnaire/save-risk-questionnaire.handler';
import { SaveRiskRuleCommand } from './save-risk-rule.command';
import { SaveRiskRuleHandler } from './save-risk-rule.handler';

const clock = new TestClock(new Date(Date.UTC(2031, 0, 1)));
const lead = { name: 'Short notice', condition: { kind: 'insufficient_lead_time', minimumHours: 48 }, level: 'high', active: true };

describe('risk rule and questionnaire admin', () => {
  it('creates, replaces at the version read, and deletes a rule', async () => {
    const rules = new InMemoryRiskRules();
    const save = new SaveRiskRuleHandler(rules, clock);
    const created = await save.execute(new SaveRiskRuleCommand(lead, 'short-notice'));
    expect(created).toMatchObject({ id: 'short-notice', version: 1, condition: { kind: 'insufficient_lead_time', minimumHours: 48 } });
    const replaced = await save.execute(new SaveRiskRuleCommand({ ...lead, level: 'very_high' }, 'short-notice', 1));
    expect(replaced).toMatchObject({ level: 'very_high', version: 2 });
    await expect(save.execute(new SaveRiskRuleCommand(lead, 'short-notice', 1))).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    await expect(save.execute(new SaveRiskRuleCommand(lead, 'nope', 1))).rejects.toMatchObject({ code: ChangeErrorCode.RiskRuleNotFound });
    const remove = new DeleteRiskRuleHandler(rules);
    await remove.execute(new DeleteRiskRuleCommand('short-notice'));
    await expect(remove.execute(new DeleteRiskRuleCommand('short-notice'))).rejects.toMatchObject({ code: ChangeErrorCode.RiskRuleNotFound });
  });

  it('writes nothing for an invalid rule', async () => {
    const rules = new InMemoryRiskRules();
    await expect(new SaveRiskRuleHandler(rules, clock).execute(new SaveRiskRuleCommand({ ...lead, condition: { kind: 'insufficient_lead_time', minimumHours: -1 } }))).rejects.toMatchObject({
      code: ChangeErrorCode.InvalidInput,
      details: { field: 'condition.minimumHours' },
    });
    expect(rules.rules.size).toBe(0);
  });

  it('saves the questionnaire at the version read, and nothing when it is invalid', async () => {
    const store = new InMemoryRiskQuestionnaire();
    const save = new SaveRiskQuestionnaireHandler(store, clock);
    const input = { questions: [{ id: 'q', text: 'Q?', answers: [{ id: 'a', text: 'A', weight: 0 }, { id: 'b', text: 'B', weight: 3 }] }], thresholds: [{ minScore: 3, level: 'high' }] };
    expect(await save.execute(new SaveRiskQuestionnaireCommand(input, 0))).toMatchObject({ version: 1 });
    await expect(save.execute(new SaveRiskQuestionnaireCommand(input, 0))).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    await expect(save.execute(new SaveRiskQuestionnaireCommand({ ...input, thresholds: [] }, 1))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    expect(store.questionnaire?.version).toBe(1);
  });
});
