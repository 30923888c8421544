import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import { RiskAnswerStore, RiskQuestionnaireStore, RiskRuleStore } from '../application/ports/risk-stores.port';
import { ChangeError, ChangeErrorCode } from '../domain/change.errors';
import type { RiskAnswers, RiskQuestionnaire, RiskRule } from '../domain/risk';

const RULES = 'change_risk_rules';
const QUESTIONNAIRE = 'change_risk_questionnaire';
const ANSWERS = 'change_risk_answers';

type RuleDocument = RiskRule & { _id: Types.ObjectId; nameKey: string };
type QuestionnaireDocument = RiskQuestionnaire & { _id: Types.ObjectId };
interface AnswersDocument {
  _id: Types.ObjectId;
  changeId: string;
  answers: Record<string, string>;
  by: string;
  at: Date;
}

const conflict = (what: string, details: Record<string, string> = {}): ChangeError => new ChangeError(ChangeErrorCode.Conflict, `${what} changed meanwhile; try again`, details);

/** Risk rules: admin records without events, one document each (`_id` from the rule id), optimistic version. */
export class RiskRuleRepository extends RiskRuleStore {
  static readonly indexes = [collectionIndexes(RULES, [index({ nameKey: 1, id: 1 })])];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get collection() {
    return this.connection.collection<RuleDocument>(RULES);
  }

  private static keyOf(id: string): Types.ObjectId {
    return objectIdFromKey('change-risk-rule', id);
  }

  async all(): Promise<readonly RiskRule[]> {
    return (await this.collection.find({}).sort({ nameKey: 1, id: 1 }).toArray()).map(toRule);
  }

  async byId(id: string): Promise<RiskRule | undefined> {
    const document = await this.collection.findOne({ _id: RiskRuleRepository.keyOf(id) });
    return document === null ? undefined : toRule(document);
  }

  async create(rule: RiskRule): Promise<void> {
    try {
      await this.collection.insertOne({ ...rule, _id: RiskRuleRepository.keyOf(rule.id), nameKey: rule.name.toLowerCase() });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ChangeError(ChangeErrorCode.Conflict, `risk rule ${rule.id} already exists`, { ruleId: rule.id });
      throw error;
    }
  }

  async replace(rule: RiskRule, expectedVersion: number): Promise<void> {
    const result = await this.collection.updateOne({ _id: RiskRuleRepository.keyOf(rule.id), version: expectedVersion }, { $set: { ...rule, nameKey: rule.name.toLowerCase() } });
    if (result.matchedCount === 0) throw conflict(`risk rule ${rule.id}`, { ruleId: rule.id });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: RiskRuleRepository.keyOf(id) })).deletedCount === 1;
  }
}

function toRule(d: RuleDocument): RiskRule {
  return { id: d.id, name: d.name, condition: d.condition, level: d.level, active: d.active, createdAt: new Date(d.createdAt), updatedAt: new Date(d.updatedAt), version: d.version };
}

/** The one questionnaire: a single document, written at the version read. */
export class RiskQuestionnaireRepository extends RiskQuestionnaireStore {
  static readonly indexes = [collectionIndexes(QUESTIONNAIRE, [])];
  private static readonly key = objectIdFromKey('change-risk-questionnaire', 'platform');

  constructor(private readonly connection: Connection) {
    super();
  }

  private get collection() {
    return this.connection.collection<QuestionnaireDocument>(QUESTIONNAIRE);
  }

  async get(): Promise<RiskQuestionnaire | undefined> {
    const d = await this.collection.findOne({ _id: RiskQuestionnaireRepository.key });
    return d === null ? undefined : { questions: d.questions, thresholds: d.thresholds, updatedAt: new Date(d.updatedAt), version: d.version };
  }

  async save(questionnaire: RiskQuestionnaire, expectedVersion: number): Promise<void> {
    const document = { ...questionnaire, _id: RiskQuestionnaireRepository.key };
    if (expectedVersion === 0) {
      try {
        await this.collection.insertOne(document);
        return;
      } catch (error) {
        if (isDuplicateKeyError(error)) throw conflict('the questionnaire');
        throw error;
      }
    }
    const { _id, ...fields } = document;
    const result = await this.collection.updateOne({ _id, version: expectedVersion }, { $set: fields });
    if (result.matchedCount === 0) throw conflict('the questionnaire');
  }
}

/** A change's questionnaire answers: one document per change, replaced by newer answers. */
export class RiskAnswerRepository extends RiskAnswerStore {
  static readonly indexes = [collectionIndexes(ANSWERS, [])];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get collection() {
    return this.connection.collection<AnswersDocument>(ANSWERS);
  }

  private static keyOf(changeId: string): Types.ObjectId {
    return objectIdFromKey('change-risk-answers', changeId);
  }

  async get(changeId: string): Promise<RiskAnswers | undefined> {
    const document = await this.collection.findOne({ _id: RiskAnswerRepository.keyOf(changeId) });
    return document === null ? undefined : { ...document.answers };
  }

  async put(changeId: string, answers: RiskAnswers, by: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: RiskAnswerRepository.keyOf(changeId) }, { $set: { changeId, answers: { ...answers }, by, at } }, { upsert: true });
  }
}
