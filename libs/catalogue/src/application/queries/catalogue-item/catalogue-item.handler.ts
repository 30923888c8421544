import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError, currentVersion, formAsData, isEntitled } from '../../../domain';
import type { CatalogueItem, ItemFormData, ItemVersion } from '../../../domain';
import { isCatalogueAdmin } from '../../portfolio-access';
import { CatalogueItemStore, EntitlementRuleStore, ServiceStore } from '../../ports/portfolio-stores.port';
import { RequesterProfiles } from '../../requester-profiles.service';
import type { CatalogueItemQuery } from './catalogue-item.query';

export interface CatalogueItemView {
  readonly item: CatalogueItem;
  readonly version: ItemVersion;
  readonly form: ItemFormData;
}

/**
 * An item as a portal renders it. Admins and the service's owner see any item and version; anyone
 * else only a published item of a live (or no) service they are entitled to, else CATALOGUE.NOT_FOUND
 * (an item one may not order is not shown to exist).
 */
@Injectable()
export class CatalogueItemHandler {
  constructor(
    private readonly items: CatalogueItemStore,
    private readonly rules: EntitlementRuleStore,
    private readonly services: ServiceStore,
    private readonly profiles: RequesterProfiles,
  ) {}

  async execute(query: CatalogueItemQuery): Promise<CatalogueItemView> {
    const notFound = () => catalogueError(CatalogueErrorCode.NotFound, `No catalogue item ${query.itemId}${query.version === null ? '' : ` version ${query.version}`}.`, { itemId: query.itemId });
    const item = await this.items.byId(query.itemId);
    if (item === undefined) throw notFound();
    const current = currentVersion(item);
    if (!(await this.maySee(query, item))) throw notFound();
    const version = query.version === null ? current : item.versions.find((v) => v.version === query.version);
    if (version === undefined) throw notFound();
    return { item, version, form: formAsData(version.form) };
  }

  private async maySee(query: CatalogueItemQuery, item: CatalogueItem): Promise<boolean> {
    if (isCatalogueAdmin(query.caller)) return true;
    const { serviceId, offeringId, entitlementRuleIds, categoryId } = currentVersion(item);
    const service = serviceId === null ? null : ((await this.services.byIds([serviceId])).get(serviceId) ?? null);
    if (service?.ownerId === query.caller.userId) return true;
    if (item.status !== 'published' || (service !== null && service.lifecycle !== 'live')) return false;
    const [profile, rules] = await Promise.all([this.profiles.of(query.caller.userId), this.rules.byIds(entitlementRuleIds)]);
    const customerOrgIds = service?.offerings.find((o) => o.offeringId === offeringId)?.customerOrgIds ?? [];
    return isEntitled({ id: item.id, categoryIds: [categoryId], entitlementRuleIds, customerOrgIds }, rules, profile);
  }
}
