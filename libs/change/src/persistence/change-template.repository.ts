import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import { TemplateStore } from '../application/ports/change-store.port';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { ChangeTemplate, TemplateState } from '../domain';

interface TemplateDocument extends Omit<ChangeTemplate, 'configurationItemIds' | 'serviceIds'> {
  _id: Types.ObjectId;
  configurationItemIds: string[];
  serviceIds: string[];
  /** Lower-cased name, NUL, id: the list's unique order and cursor. */
  sortKey: string;
}

const sortKeyOf = (t: Pick<ChangeTemplate, 'name' | 'id'>): string => `${t.name.toLowerCase()}\u0000${t.id}`;

/** Standard change templates: admin records without events, one document each, optimistic version. */
export class ChangeTemplateRepository extends TemplateStore {
  static readonly indexes = [collectionIndexes('change_templates', [index({ sortKey: 1 }), index({ state: 1, sortKey: 1 })])];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get collection() {
    return this.connection.collection<TemplateDocument>('change_templates');
  }

  private static keyOf(id: string): Types.ObjectId {
    return objectIdFromKey('change-template', id);
  }

  async byId(id: string): Promise<ChangeTemplate | undefined> {
    const document = await this.collection.findOne({ _id: ChangeTemplateRepository.keyOf(id) });
    return document === null ? undefined : toTemplate(document);
  }

  async create(template: ChangeTemplate): Promise<void> {
    try {
      await this.collection.insertOne(toDocument(template));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ChangeError(ChangeErrorCode.Conflict, `template ${template.id} already exists`, { templateId: template.id });
      throw error;
    }
  }

  async save(template: ChangeTemplate, expectedVersion: number): Promise<void> {
    const { _id, ...fields } = toDocument(template);
    const result = await this.collection.updateOne({ _id, version: expectedVersion }, { $set: fields });
    if (result.matchedCount === 0) throw new ChangeError(ChangeErrorCode.Conflict, `template ${template.id} changed meanwhile; try again`, { templateId: template.id });
  }

  async list(state: TemplateState | undefined, first: number, afterName: string | undefined): Promise<readonly ChangeTemplate[]> {
    const filter = {
      ...(state === undefined ? {} : { state: { $eq: state } }),
      ...(afterName === undefined ? {} : { sortKey: { $gt: afterName } }),
    };
    const documents = await this.collection.find(filter).sort({ sortKey: 1 }).limit(first).toArray();
    return documents.map(toTemplate);
  }
}

/** The cursor of a template in the list. */
export function templateCursorKey(template: ChangeTemplate): string {
  return sortKeyOf(template);
}

function toDocument(t: ChangeTemplate): TemplateDocument {
  return { ...t, _id: objectIdFromKey('change-template', t.id), plans: { ...t.plans }, configurationItemIds: [...t.configurationItemIds], serviceIds: [...t.serviceIds], sortKey: sortKeyOf(t) };
}

function toTemplate(d: TemplateDocument): ChangeTemplate {
  return {
    id: d.id,
    name: d.name,
    state: d.state,
    title: d.title,
    description: d.description,
    plans: { implementation: d.plans.implementation, backout: d.plans.backout, test: d.plans.test },
    configurationItemIds: d.configurationItemIds,
    serviceIds: d.serviceIds,
    assignmentGroupId: d.assignmentGroupId,
    durationMinutes: d.durationMinutes,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    version: d.version,
  };
}
