import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../../../domain';
import type { CatalogueItem } from '../../../domain';
import { isCatalogueAdmin } from '../../portfolio-access';
import { CatalogueItemStore, EntitlementRuleStore, ServiceStore } from '../../ports/portfolio-stores.port';
import type { BrowseSelection, CataloguePage } from '../../ports/portfolio-stores.port';
import { RequesterProfiles } from '../../requester-profiles.service';
import type { BrowseCatalogueQuery } from './browse-catalogue.query';

export const BROWSE_LIMITS = { first: 100, words: 5, wordLength: 100 } as const;

/**
 * The entitled catalogue, answered by MongoDB on every call (any replica answers the same, right
 * after a write): the caller's matching rules (indexed by criterion), then published items of live
 * services granted by them or open to internal people, minus those a matching deny rule closes and
 * those of offerings whose customer organisations leave the caller's out, in name order. Catalogue admins see every published item.
 */
@Injectable()
export class BrowseCatalogueHandler {
  constructor(
    private readonly items: CatalogueItemStore,
    private readonly rules: EntitlementRuleStore,
    private readonly services: ServiceStore,
    private readonly profiles: RequesterProfiles,
  ) {}

  async execute(query: BrowseCatalogueQuery): Promise<CataloguePage<CatalogueItem>> {
    if (!Number.isInteger(query.first) || query.first < 1 || query.first > BROWSE_LIMITS.first) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `first must be 1 to ${BROWSE_LIMITS.first}`, { field: 'first' });
    }
    const words = (query.text ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    if (words.length > BROWSE_LIMITS.words || words.some((w) => w.length > BROWSE_LIMITS.wordLength)) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `text takes at most ${BROWSE_LIMITS.words} words of ${BROWSE_LIMITS.wordLength} characters`, { field: 'text' });
    }
    const { entitlement, closedOfferings } = await this.entitlement(query);
    const selection: BrowseSelection = { entitlement, closedOfferings, notLiveServiceIds: await this.services.notLiveIds(), categoryId: query.categoryId, words };
    const items = await this.items.browse(selection, query.first + 1, query.after);
    return { items: items.slice(0, query.first), hasNextPage: items.length > query.first };
  }

  private async entitlement(query: BrowseCatalogueQuery): Promise<Pick<BrowseSelection, 'entitlement' | 'closedOfferings'>> {
    if (isCatalogueAdmin(query.caller)) return { entitlement: null, closedOfferings: [] };
    const profile = await this.profiles.of(query.caller.userId);
    const [matching, closedOfferings] = await Promise.all([this.rules.matching(profile), this.services.offeringsClosedTo(profile.organisationId)]);
    return {
      entitlement: {
        grantRuleIds: matching.filter((r) => r.effect === 'grant').map((r) => r.id),
        denyRuleIds: matching.filter((r) => r.effect === 'deny').map((r) => r.id),
        internal: profile.organisationKind === 'internal',
      },
      closedOfferings,
    };
  }
}
