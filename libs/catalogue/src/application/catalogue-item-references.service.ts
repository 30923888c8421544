import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError, checkItemDraft } from '../domain';
import { assertManages } from './portfolio-access';
import type { PortfolioCaller } from './portfolio-access';
import type { EntitlementRules, ItemContent, ItemDraft, PortfolioService } from '../domain';
import { CategoryStore, EntitlementRuleStore, ServiceStore } from './ports/portfolio-stores.port';

/** What an item names outside itself, read once per save. */
export interface ItemReferences {
  readonly service: PortfolioService | null;
  readonly rules: EntitlementRules;
}

/**
 * Reads and checks what an item refers to: its category, its service (not retired) and offering,
 * its entitlement rules, and its plan's fulfilment groups in the directory. Each miss is
 * CATALOGUE.NOT_FOUND naming the reference.
 */
@Injectable()
export class CatalogueItemReferences {
  constructor(
    private readonly categories: CategoryStore,
    private readonly services: ServiceStore,
    private readonly rules: EntitlementRuleStore,
    private readonly directory: DirectoryProjection,
  ) {}

  /**
   * The draft checked whole for this caller: its service and rules read, the caller's right on the
   * service, the draft itself, then what it names. Nothing is written before this passes.
   */
  async checkedDraft(caller: PortfolioCaller, draft: ItemDraft): Promise<ItemReferences & { readonly content: ItemContent }> {
    const references = await this.read(draft);
    assertManages(caller, references.service);
    const content = checkItemDraft(draft, references.rules);
    await this.check(content, references);
    return { ...references, content };
  }

  private async read(draft: ItemDraft): Promise<ItemReferences> {
    const serviceId = draft.serviceId ?? null;
    const service = serviceId === null ? null : ((await this.services.byIds([serviceId])).get(serviceId) ?? null);
    if (serviceId !== null && service === null) throw notFound('service', serviceId);
    return { service, rules: await this.rules.byIds(draft.entitlementRuleIds ?? []) };
  }

  private async check(content: ItemContent, references: ItemReferences): Promise<void> {
    if (!(await this.categories.byIds([content.categoryId])).has(content.categoryId)) throw notFound('category', content.categoryId);
    const { service } = references;
    if (service !== null && service.lifecycle === 'retired') {
      throw catalogueError(CatalogueErrorCode.NotOrderable, `Service ${service.id} is retired.`, { serviceId: service.id });
    }
    if (content.offeringId !== null && !service?.offerings.some((o) => o.offeringId === content.offeringId)) throw notFound('offering', content.offeringId);
    const groupIds = [...new Set(content.plan.tasks.map((t) => t.groupId))];
    const groups = await this.directory.groups(groupIds);
    const missing = groupIds.find((id) => !groups.has(id));
    if (missing !== undefined) throw notFound('group', missing);
  }
}

function notFound(kind: string, id: string) {
  return catalogueError(CatalogueErrorCode.NotFound, `No ${kind} ${id}.`, { [`${kind}Id`]: id });
}
