import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { FilterQuery, Model, Types } from 'mongoose';
import { OrderableItems } from '../application/ports/orderable-items.port';
import type { OrderableItemVersion } from '../application/ports/orderable-items.port';
import { CatalogueItemStore } from '../application/ports/portfolio-stores.port';
import type { BrowseSelection } from '../application/ports/portfolio-stores.port';
import { currentVersion } from '../domain';
import type { CatalogueItem, EntitlementRules, ItemVersion, PortfolioEvent } from '../domain';
import { catalogueItemMapper, catalogueItemOfDocument } from './catalogue-item.schema';
import type { CatalogueItemDocument } from './catalogue-item.schema';
import type { EntitlementRuleRepository } from './entitlement-rule.repository';
import type { LiveService, ServiceLifecycles } from './service-lifecycles';
import { PortfolioRecords, portfolioKey } from './portfolio-records';

/** Queries never read the outbox. */
const RECORD_ONLY = { _outbox: 0 } as const;
/** The browse reads the current version only. */
const CURRENT_ONLY = { _outbox: 0, versions: { $slice: -1 } } as const;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Published and, when it has a service, that service live: what ordering may take (with its offering's customers now). */
function orderable(item: CatalogueItem, v: ItemVersion, liveServices: ReadonlyMap<string, LiveService>): OrderableItemVersion {
  const { serviceId, offeringId } = currentVersion(item);
  const service = serviceId === null ? undefined : liveServices.get(serviceId);
  return {
    itemId: item.id,
    version: v.version,
    name: v.name,
    status: item.status === 'published' && (serviceId === null || service !== undefined) ? 'published' : 'retired',
    customerOrgIds: offeringId === null ? [] : (service?.customerOrgIds.get(offeringId) ?? []),
    categoryId: v.categoryId,
    serviceId: v.serviceId,
    offeringId: v.offeringId,
    form: v.form,
    plan: v.plan,
    approvalPolicies: v.approvalPolicies,
    entitlementRuleIds: v.entitlementRuleIds,
    price: v.price,
    leadTimeDays: v.leadTimeDays,
  };
}

/**
 * Catalogue items in MongoDB: `_id` = serviceSubject('item', id) (the Kafka key of its events on
 * itsm.service.v1); every version, the browse fields and the outbox in ONE document. Also what
 * ordering reads (OrderableItems): every version with the item's orderability (`retired` when the
 * item is, or when its service is not live: a pipeline service's items are not ordered yet, and a
 * retired service's items are withdrawn even before its retirement sweep reached them), and the
 * rules from the rule collection.
 */
export class CatalogueItemRepository extends CatalogueItemStore implements OrderableItems {
  private readonly records: PortfolioRecords<CatalogueItem, CatalogueItemDocument>;

  constructor(
    private readonly model: Model<StoredDocument<CatalogueItemDocument>>,
    afterCommit: () => void,
    private readonly rules: EntitlementRuleRepository,
    private readonly services: ServiceLifecycles,
  ) {
    super();
    this.records = new PortfolioRecords('item', model, catalogueItemMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return portfolioKey('item', id);
  }

  load(id: string): Promise<Loaded<CatalogueItem> | undefined> {
    return this.records.load(id);
  }

  save(loaded: Loaded<CatalogueItem>, item: CatalogueItem, events: readonly PortfolioEvent[]): Promise<SaveResult> {
    return this.records.save(loaded, item, events);
  }

  /** CATALOGUE.CONFLICT when the id is taken. */
  create(item: CatalogueItem, events: readonly PortfolioEvent[]): Promise<void> {
    return this.records.create(item, events);
  }

  async byId(id: string): Promise<CatalogueItem | undefined> {
    const document = await this.model.findById(CatalogueItemRepository.keyOf(id), RECORD_ONLY).lean<CatalogueItemDocument>();
    return document === null ? undefined : catalogueItemOfDocument(document);
  }

  async publishedOfService(serviceId: string): Promise<readonly string[]> {
    const documents = await this.model.find({ serviceId: { $eq: serviceId }, status: { $eq: 'published' } }, { id: 1 }).lean<Pick<CatalogueItemDocument, 'id'>[]>();
    return documents.map((d) => d.id);
  }

  async browse(selection: BrowseSelection, first: number, after: string | null): Promise<readonly CatalogueItem[]> {
    const filter: FilterQuery<CatalogueItemDocument> = { status: { $eq: 'published' } };
    if (selection.categoryId !== null) filter.categoryId = { $eq: selection.categoryId };
    if (after !== null) filter.nameKey = { $gt: after };
    if (selection.notLiveServiceIds.length > 0) filter.serviceId = { $nin: [...selection.notLiveServiceIds] };
    if (selection.closedOfferings.length > 0) filter.$nor = selection.closedOfferings.map((o) => ({ serviceId: { $eq: o.serviceId }, offeringId: { $eq: o.offeringId } }));
    const words = selection.words.map((word) => ({ searchText: { $regex: escapeRegex(word) } }));
    const entitlement = selection.entitlement;
    const and: FilterQuery<CatalogueItemDocument>[] = [...words];
    if (entitlement !== null) {
      if (entitlement.denyRuleIds.length > 0) filter.entitlementRuleIds = { $nin: [...entitlement.denyRuleIds] };
      const granted: FilterQuery<CatalogueItemDocument> = { grantRuleIds: { $in: [...entitlement.grantRuleIds] } };
      filter.$or = entitlement.internal ? [granted, { openToInternal: { $eq: true } }] : [granted];
    }
    if (and.length > 0) filter.$and = and;
    const documents = await this.model.find(filter, CURRENT_ONLY).sort({ nameKey: 1 }).limit(first).lean<CatalogueItemDocument[]>();
    return documents.map(catalogueItemOfDocument);
  }

  async current(itemIds: readonly string[]): Promise<ReadonlyMap<string, OrderableItemVersion>> {
    const documents = await this.model.find({ _id: { $in: itemIds.map((id) => CatalogueItemRepository.keyOf(id)) } }, CURRENT_ONLY).lean<CatalogueItemDocument[]>();
    const items = documents.map(catalogueItemOfDocument);
    const live = await this.services.live(items.map((item) => currentVersion(item).serviceId));
    return new Map(items.map((item) => [item.id, orderable(item, currentVersion(item), live)]));
  }

  async version(itemId: string, version: number): Promise<OrderableItemVersion | null> {
    const document = await this.model.findById(CatalogueItemRepository.keyOf(itemId), RECORD_ONLY).lean<CatalogueItemDocument>();
    if (document === null) return null;
    const item = catalogueItemOfDocument(document);
    const found = item.versions.find((v) => v.version === version);
    return found === undefined ? null : orderable(item, found, await this.services.live([currentVersion(item).serviceId]));
  }

  entitlementRules(ruleIds: readonly string[]): Promise<EntitlementRules> {
    return this.rules.byIds(ruleIds);
  }
}

/** The cursor of an item in the browse. */
export function itemCursorKey(item: CatalogueItem): string {
  return `${currentVersion(item).name.toLowerCase()}\u0000${item.id}`;
}
