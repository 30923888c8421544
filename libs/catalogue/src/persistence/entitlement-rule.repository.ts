import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Filter } from 'mongodb';
import type { Collection, Connection, Types } from 'mongoose';
import { EntitlementRuleStore } from '../application/ports/portfolio-stores.port';
import type { EntitlementRule, EntitlementRules, OrganisationKind } from '../domain';

interface RuleDocument {
  _id: Types.ObjectId;
  id: string;
  name: string;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  sortKey: string;
  effect: EntitlementRule['effect'];
  organisationIds: string[];
  organisationKinds: OrganisationKind[];
  roles: string[];
  groupIds: string[];
}

const COLLECTION = 'catalogue_entitlement_rules';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('catalogue-entitlement-rule', id);
const sortKeyOf = (rule: Pick<EntitlementRule, 'name' | 'id'>): string => `${rule.name.toLowerCase()}\u0000${rule.id}`;

function toRule(d: RuleDocument): EntitlementRule {
  return { id: d.id, name: d.name, effect: d.effect, organisationIds: d.organisationIds, organisationKinds: d.organisationKinds, roles: d.roles, groupIds: d.groupIds };
}

/** Entitlement rules: admin records, one document each (a browse looks up the few that match its caller). */
export class EntitlementRuleRepository extends EntitlementRuleStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [index({ sortKey: 1 }), index({ organisationIds: 1 }), index({ organisationKinds: 1 }), index({ roles: 1 }), index({ groupIds: 1 })]),
  ];

  private readonly collection: Collection<RuleDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<RuleDocument>(COLLECTION);
  }

  async byIds(ids: readonly string[]): Promise<EntitlementRules> {
    if (ids.length === 0) return new Map();
    const documents = await this.collection.find({ _id: { $in: ids.map(keyOf) } }).toArray();
    return new Map(documents.map((d) => [d.id, toRule(d)]));
  }

  async matching(profile: { organisationId: string | null; organisationKind: string; roles: readonly string[]; groupIds: readonly string[] }): Promise<readonly EntitlementRule[]> {
    const any: Filter<RuleDocument>[] = [{ organisationKinds: { $in: [profile.organisationKind as OrganisationKind] } }];
    if (profile.organisationId !== null) any.push({ organisationIds: { $in: [profile.organisationId] } });
    if (profile.roles.length > 0) any.push({ roles: { $in: [...profile.roles] } });
    if (profile.groupIds.length > 0) any.push({ groupIds: { $in: [...profile.groupIds] } });
    return (await this.collection.find({ $or: any }).toArray()).map(toRule);
  }

  async list(first: number, after: string | null): Promise<readonly EntitlementRule[]> {
    const filter = after === null ? {} : { sortKey: { $gt: after } };
    return (await this.collection.find(filter).sort({ sortKey: 1 }).limit(first).toArray()).map(toRule);
  }

  async put(rule: EntitlementRule): Promise<void> {
    const document: RuleDocument = { _id: keyOf(rule.id), ...rule, sortKey: sortKeyOf(rule), organisationIds: [...rule.organisationIds], organisationKinds: [...rule.organisationKinds], roles: [...rule.roles], groupIds: [...rule.groupIds] };
    await this.collection.replaceOne({ _id: document._id }, document, { upsert: true });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: keyOf(id) })).deletedCount === 1;
  }
}

/** The cursor of a rule in the list. */
export function ruleCursorKey(rule: EntitlementRule): string {
  return sortKeyOf(rule);
}
