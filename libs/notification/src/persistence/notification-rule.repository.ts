import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Filter } from 'mongodb';
import type { Collection, Connection, Types } from 'mongoose';
import { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import type { NotificationRuleFilter } from '../application/ports/notification-rule-store.port';
import type { NotificationRule } from '../domain';

interface RuleDocument {
  _id: Types.ObjectId;
  id: string;
  eventType: string;
  enabled: boolean;
  rule: NotificationRule;
}

const COLLECTION = 'notification_rules';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('notification-rule', id);

/** Notification rules, one document each (the rule whole, its event type and enabled flag lifted for the queries). */
export class NotificationRuleRepository extends NotificationRuleStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ id: 1 }), index({ eventType: 1, enabled: 1, id: 1 }), index({ eventType: 1, id: 1 }), index({ enabled: 1, id: 1 })])];

  private readonly collection: Collection<RuleDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<RuleDocument>(COLLECTION);
  }

  async byId(id: string): Promise<NotificationRule | null> {
    return (await this.collection.findOne({ _id: keyOf(id) }))?.rule ?? null;
  }

  async put(rule: NotificationRule): Promise<void> {
    const document: RuleDocument = { _id: keyOf(rule.id), id: rule.id, eventType: rule.trigger.eventType, enabled: rule.enabled, rule };
    await this.collection.replaceOne({ _id: document._id }, document, { upsert: true });
  }

  async enabledFor(eventType: string): Promise<readonly NotificationRule[]> {
    return (await this.collection.find({ eventType: { $eq: eventType }, enabled: { $eq: true } }).sort({ id: 1 }).toArray()).map((d) => d.rule);
  }

  async list(filter: NotificationRuleFilter, first: number, after: string | null): Promise<readonly NotificationRule[]> {
    const query: Filter<RuleDocument> = {};
    if (filter.eventType !== null) query.eventType = { $eq: filter.eventType };
    if (filter.enabled !== null) query.enabled = { $eq: filter.enabled };
    if (after !== null) query.id = { $gt: after };
    return (await this.collection.find(query).sort({ id: 1 }).limit(first).toArray()).map((d) => d.rule);
  }
}
