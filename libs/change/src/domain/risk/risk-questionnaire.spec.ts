import { ChangeErrorCode } from '../change.errors';
import { checkRiskAnswers, checkRiskQuestionnaire, scoreQuestionnaire } from './risk-questionnaire';
import type { RiskQuestionnaireInput } from './risk-questionnaire';

const input: RiskQuestionnaireInput = {
  questions: [
    { id: 'outage', text: 'Outage needed?', answers: [{ id: 'no', text: 'No', weight: 0 }, { id: 'yes', text: 'Yes', weight: 6 }] },
    { id: 'rollback', text: 'Rollback tested?', answers: [{ id: 'yes', text: 'Yes', weight: 0 }, { id: 'no', text: 'No', weight: 4 }] },
  ],
  thresholds: [{ minScore: 4, level: 'moderate' }, { minScore: 10, level: 'high' }],
};

const refusal = (field: string): Error => expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } });

describe('risk questionnaire', () => {
  it('scores the chosen answers and maps the highest threshold reached to its level', () => {
    const q = checkRiskQuestionnaire(input);
    expect(scoreQuestionnaire(q, { outage: 'yes', rollback: 'yes' })).toMatchObject({ score: 6, level: 'moderate', threshold: { minScore: 4 } });
    expect(scoreQuestionnaire(q, { outage: 'yes', rollback: 'no' })).toMatchObject({ score: 10, level: 'high' });
    expect(scoreQuestionnaire(q, { outage: 'no', rollback: 'yes' })).toMatchObject({ score: 0, level: 'low', threshold: null });
    // An answer to a question since removed is dropped, not an error (stored answers outlive edits).
    expect(scoreQuestionnaire(q, { gone: 'x', rollback: 'no' })).toMatchObject({ score: 4, chosen: [{ question: { id: 'rollback' } }] });
  });

  it.each<[string, RiskQuestionnaireInput, string]>([
    ['no questions', { ...input, questions: [] }, 'questions'],
    ['a duplicated question', { ...input, questions: [input.questions[0]!, input.questions[0]!] }, 'questions'],
    ['one answer only', { ...input, questions: [{ ...input.questions[0]!, answers: [{ id: 'a', text: 'A', weight: 1 }] }] }, 'questions[0].answers'],
    ['a negative weight', { ...input, questions: [{ ...input.questions[0]!, answers: [{ id: 'a', text: 'A', weight: -1 }, { id: 'b', text: 'B', weight: 1 }] }] }, 'questions[0].answers[0].weight'],
    ['a bad id', { ...input, questions: [{ ...input.questions[0]!, id: 'Out Age' }] }, 'questions[0].id'],
    ['thresholds falling in level', { ...input, thresholds: [{ minScore: 4, level: 'high' }, { minScore: 10, level: 'moderate' }] }, 'thresholds[1]'],
    ['thresholds not rising in score', { ...input, thresholds: [{ minScore: 4, level: 'moderate' }, { minScore: 4, level: 'high' }] }, 'thresholds[1]'],
    ['no thresholds', { ...input, thresholds: [] }, 'thresholds'],
  ])('refuses %s', (_, bad, field) => {
    expect(() => checkRiskQuestionnaire(bad)).toThrow(refusal(field));
  });

  it('checks a change\'s answers: every question once, with one of its answers', () => {
    const q = checkRiskQuestionnaire(input);
    expect(checkRiskAnswers(q, { outage: 'no', rollback: 'no' })).toEqual({ outage: 'no', rollback: 'no' });
    expect(() => checkRiskAnswers(q, { outage: 'no' })).toThrow(refusal('answers.rollback'));
    expect(() => checkRiskAnswers(q, { outage: 'maybe', rollback: 'no' })).toThrow(refusal('answers.outage'));
    expect(() => checkRiskAnswers(q, { outage: 'no', rollback: 'no', colour: 'red' })).toThrow(refusal('answers.colour'));
  });
});
