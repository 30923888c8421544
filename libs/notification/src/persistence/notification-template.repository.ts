import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { TemplateStore } from '../application/ports/template-store.port';
import { templateSortKey } from '../domain/templates';
import type { NotificationTemplate, TemplateKind, TemplateVariant } from '../domain/templates';

interface TemplateDocument {
  _id: Types.ObjectId;
  id: string;
  name: string;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  sortKey: string;
  kind: TemplateKind;
  eventTypes: string[];
  variants: TemplateVariant[];
}

const COLLECTION = 'notification_templates';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('notification-template', id);

const toTemplate = (d: TemplateDocument): NotificationTemplate => ({ id: d.id, name: d.name, kind: d.kind, eventTypes: d.eventTypes, variants: d.variants.map((v) => ({ locale: v.locale, subject: v.subject, text: v.text, html: v.html ?? null })) });

/** The templates admins saved: one document each, `_id` from the template's id. */
export class NotificationTemplateRepository extends TemplateStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ sortKey: 1 })])];

  private readonly collection: Collection<TemplateDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<TemplateDocument>(COLLECTION);
  }

  async find(id: string): Promise<NotificationTemplate | null> {
    const document = await this.collection.findOne({ _id: keyOf(id) });
    return document === null ? null : toTemplate(document);
  }

  async stored(ids: readonly string[]): Promise<readonly string[]> {
    if (ids.length === 0) return [];
    const documents = await this.collection.find({ _id: { $in: ids.map(keyOf) } }, { projection: { id: 1 } }).toArray();
    return documents.map((d) => d.id);
  }

  async list(first: number, after: string | null): Promise<readonly NotificationTemplate[]> {
    const filter = after === null ? {} : { sortKey: { $gt: after } };
    return (await this.collection.find(filter).sort({ sortKey: 1 }).limit(first).toArray()).map(toTemplate);
  }

  async put(template: NotificationTemplate): Promise<void> {
    const document: TemplateDocument = {
      _id: keyOf(template.id),
      id: template.id,
      name: template.name,
      sortKey: templateSortKey(template),
      kind: template.kind,
      eventTypes: [...template.eventTypes],
      variants: template.variants.map((v) => ({ locale: v.locale, subject: v.subject, text: v.text, html: v.html })),
    };
    await this.collection.replaceOne({ _id: document._id }, document, { upsert: true });
  }
}
