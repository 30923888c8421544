import { RISK_LEVELS } from '../change.model';
import type { RiskLevel } from '../change.model';
import { boundedInteger, invalidRisk, requiredText, riskLevel } from './risk-rule';

/**
 * The weighted risk questionnaire (one for the platform, admin-defined): questions with answers
 * that carry weights; the chosen answers' weights add up to a score, and score thresholds map it
 * to a level. Pure: validation and scoring.
 */

export interface RiskAnswerOption {
  readonly id: string;
  readonly text: string;
  readonly weight: number;
}

export interface RiskQuestion {
  readonly id: string;
  readonly text: string;
  readonly answers: readonly RiskAnswerOption[];
}

/** From `minScore` on (inclusive) the questionnaire gives `level`. */
export interface ScoreThreshold {
  readonly minScore: number;
  readonly level: RiskLevel;
}

export interface RiskQuestionnaire {
  readonly questions: readonly RiskQuestion[];
  /** Ascending by score and by level. Below the first, the questionnaire gives `low`. */
  readonly thresholds: readonly ScoreThreshold[];
  readonly updatedAt: Date;
  readonly version: number;
}

export type RiskQuestionnaireInput = {
  readonly questions: readonly { readonly id: string; readonly text: string; readonly answers: readonly RiskAnswerOption[] }[];
  readonly thresholds: readonly { readonly minScore: number; readonly level: string }[];
};

export type CheckedQuestionnaire = Pick<RiskQuestionnaire, 'questions' | 'thresholds'>;

/** A change's answers: question id -> answer id. */
export type RiskAnswers = Readonly<Record<string, string>>;

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const MAX_WEIGHT = 1_000;

function key(value: unknown, field: string): string {
  if (typeof value !== 'string' || !KEY.test(value)) throw invalidRisk(field, `${field} must be 1 to 40 of a-z, 0-9, _ and -, starting with a letter or digit`);
  return value;
}

function unique(ids: readonly string[], field: string): void {
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw invalidRisk(field, `${field} has "${duplicate}" twice`);
}

function checkQuestion(input: RiskQuestionnaireInput['questions'][number], at: string): RiskQuestion {
  if (!Array.isArray(input.answers) || input.answers.length < 2 || input.answers.length > 10) throw invalidRisk(`${at}.answers`, `${at}.answers must have 2 to 10 answers`);
  const answers = input.answers.map((answer, i) => ({
    id: key(answer.id, `${at}.answers[${i}].id`),
    text: requiredText(answer.text, `${at}.answers[${i}].text`, 200),
    weight: boundedInteger(answer.weight, `${at}.answers[${i}].weight`, 0, MAX_WEIGHT),
  }));
  unique(answers.map((a) => a.id), `${at}.answers`);
  return { id: key(input.id, `${at}.id`), text: requiredText(input.text, `${at}.text`, 300), answers };
}

function checkThresholds(input: RiskQuestionnaireInput['thresholds']): ScoreThreshold[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > RISK_LEVELS.length) {
    throw invalidRisk('thresholds', `thresholds must have 1 to ${RISK_LEVELS.length} entries`);
  }
  const thresholds = input.map((t, i) => ({ minScore: boundedInteger(t.minScore, `thresholds[${i}].minScore`, 0, 100 * MAX_WEIGHT), level: riskLevel(t.level, `thresholds[${i}].level`) }));
  thresholds.forEach((t, i) => {
    const previous = thresholds[i - 1];
    if (previous !== undefined && (t.minScore <= previous.minScore || RISK_LEVELS.indexOf(t.level) <= RISK_LEVELS.indexOf(previous.level))) {
      throw invalidRisk(`thresholds[${i}]`, 'thresholds must rise in both score and level');
    }
  });
  return thresholds;
}

/** Validates an admin's questionnaire: CHANGE.INVALID_INPUT naming the offending field. */
export function checkRiskQuestionnaire(input: RiskQuestionnaireInput): CheckedQuestionnaire {
  if (!Array.isArray(input.questions) || input.questions.length === 0 || input.questions.length > 30) {
    throw invalidRisk('questions', 'questions must have 1 to 30 questions');
  }
  const questions = input.questions.map((q, i) => checkQuestion(q, `questions[${i}]`));
  unique(questions.map((q) => q.id), 'questions');
  return { questions, thresholds: checkThresholds(input.thresholds) };
}

/** Validates a change's answers against the questionnaire: every question answered once with one of its answers. */
export function checkRiskAnswers(questionnaire: Pick<RiskQuestionnaire, 'questions'>, answers: RiskAnswers): RiskAnswers {
  const known = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const [questionId, answerId] of Object.entries(answers)) {
    const question = known.get(questionId);
    if (question === undefined) throw invalidRisk(`answers.${questionId}`, `the questionnaire has no question "${questionId}"`);
    if (!question.answers.some((a) => a.id === answerId)) throw invalidRisk(`answers.${questionId}`, `question "${questionId}" has no answer "${answerId}"`);
  }
  const missing = questionnaire.questions.find((q) => answers[q.id] === undefined);
  if (missing !== undefined) throw invalidRisk(`answers.${missing.id}`, `question "${missing.id}" is not answered`);
  return { ...answers };
}

export interface ChosenAnswer {
  readonly question: RiskQuestion;
  readonly answer: RiskAnswerOption;
}

export interface QuestionnaireScore {
  readonly score: number;
  readonly level: RiskLevel;
  /** The threshold reached, null when below the first (the level is then `low`). */
  readonly threshold: ScoreThreshold | null;
  /** The answers given to the current questions, heaviest first (answers to removed questions are dropped). */
  readonly chosen: readonly ChosenAnswer[];
}

/** The score of a change's answers and the level its highest reached threshold gives. */
export function scoreQuestionnaire(questionnaire: Pick<RiskQuestionnaire, 'questions' | 'thresholds'>, answers: RiskAnswers): QuestionnaireScore {
  const chosen: ChosenAnswer[] = [];
  for (const question of questionnaire.questions) {
    const answer = question.answers.find((a) => a.id === answers[question.id]);
    if (answer !== undefined) chosen.push({ question, answer });
  }
  chosen.sort((a, b) => b.answer.weight - a.answer.weight);
  const score = chosen.reduce((sum, c) => sum + c.answer.weight, 0);
  const reached = questionnaire.thresholds.filter((t) => score >= t.minScore);
  const threshold = reached[reached.length - 1] ?? null;
  return { score, level: threshold?.level ?? 'low', threshold, chosen };
}
