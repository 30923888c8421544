import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PublishCatalogueItemCommand } from '../application/commands/publish-catalogue-item/publish-catalogue-item.command';
import { PublishCatalogueItemHandler } from '../application/commands/publish-catalogue-item/publish-catalogue-item.handler';
import { RetireCatalogueItemCommand } from '../application/commands/retire-catalogue-item/retire-catalogue-item.command';
import { RetireCatalogueItemHandler } from '../application/commands/retire-catalogue-item/retire-catalogue-item.handler';
import { ReviseCatalogueItemCommand } from '../application/commands/revise-catalogue-item/revise-catalogue-item.command';
import { ReviseCatalogueItemHandler } from '../application/commands/revise-catalogue-item/revise-catalogue-item.handler';
import { SaveCategoryCommand } from '../application/commands/save-category/save-category.command';
import { SaveCategoryHandler } from '../application/commands/save-category/save-category.handler';
import { BrowseCatalogueHandler } from '../application/queries/browse-catalogue/browse-catalogue.handler';
import { BrowseCatalogueQuery } from '../application/queries/browse-catalogue/browse-catalogue.query';
import { CatalogueItemHandler } from '../application/queries/catalogue-item/catalogue-item.handler';
import { CatalogueItemQuery } from '../application/queries/catalogue-item/catalogue-item.query';
import { ListCategoriesHandler } from '../application/queries/list-categories/list-categories.handler';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { itemCursor, itemDraftOf, portfolioPage, toCategoryGql, toItemGql } from './portfolio-graphql.mapper';
import { CatalogCategoryInput, CatalogItemInput } from './portfolio.inputs';
import { CATALOGUE_ADMINS, CATALOGUE_BROWSERS, PORTFOLIO_MANAGERS } from './portfolio-role-sets';
import { CatalogCategoryGql, CatalogItemConnectionGql, CatalogItemGql } from './portfolio.types';

/** The catalogue: categories, the entitled browse, one item with its form, and the item admin mutations. */
@Resolver(() => CatalogItemGql)
@UseFilters(catalogueErrorFilter)
export class CatalogueItemResolver {
  constructor(
    private readonly categoryList: ListCategoriesHandler,
    private readonly categorySaver: SaveCategoryHandler,
    private readonly browser: BrowseCatalogueHandler,
    private readonly reader: CatalogueItemHandler,
    private readonly publisher: PublishCatalogueItemHandler,
    private readonly reviser: ReviseCatalogueItemHandler,
    private readonly retirer: RetireCatalogueItemHandler,
  ) {}

  @Query(() => [CatalogCategoryGql], { description: 'Every category, by name' })
  @Roles(...CATALOGUE_BROWSERS)
  async categories(): Promise<CatalogCategoryGql[]> {
    return (await this.categoryList.execute()).map(toCategoryGql);
  }

  @Mutation(() => CatalogCategoryGql, { description: 'Creates (no id) or replaces a category' })
  @Roles(...CATALOGUE_ADMINS)
  async saveCatalogCategory(@CurrentPrincipal() caller: Principal, @Args('input') input: CatalogCategoryInput, @Args('id', { type: () => ID, nullable: true }) id?: string | null): Promise<CatalogCategoryGql> {
    return toCategoryGql(await this.categorySaver.execute(new SaveCategoryCommand(caller, id ?? null, input)));
  }

  @Query(() => CatalogItemConnectionGql, { description: 'The items the caller may order (admins: every published item), by name; filter by category and words' })
  @Roles(...CATALOGUE_BROWSERS)
  async catalogItems(
    @CurrentPrincipal() caller: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('categoryId', { type: () => ID, nullable: true }) categoryId?: string | null,
    @Args('text', { type: () => String, nullable: true }) text?: string | null,
  ): Promise<ConnectionOf<CatalogItemGql>> {
    const request = portfolioPage('citem', { first, after }, 100);
    const page = await this.browser.execute(new BrowseCatalogueQuery(caller, categoryId ?? null, text ?? null, request.first, request.after));
    return toConnection(page, itemCursor, (item) => toItemGql(item));
  }

  @Query(() => CatalogItemGql, { description: 'One item (its current version, or `version`) with its form as data' })
  @Roles(...CATALOGUE_BROWSERS)
  async catalogItem(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int, nullable: true }) version?: number | null): Promise<CatalogItemGql> {
    const view = await this.reader.execute(new CatalogueItemQuery(caller, id, version ?? null));
    return toItemGql(view.item, view.version);
  }

  @Mutation(() => CatalogItemGql, { description: 'Publishes a new item (version 1): catalogue admins, or the owner of its service' })
  @Roles(...PORTFOLIO_MANAGERS)
  async publishCatalogItem(@CurrentPrincipal() caller: Principal, @Args('input') input: CatalogItemInput): Promise<CatalogItemGql> {
    return toItemGql(await this.publisher.execute(new PublishCatalogueItemCommand(caller, itemDraftOf(input))));
  }

  @Mutation(() => CatalogItemGql, { description: 'Publishes an edit as the next version; requests keep theirs' })
  @Roles(...PORTFOLIO_MANAGERS)
  async reviseCatalogItem(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('input') input: CatalogItemInput): Promise<CatalogItemGql> {
    return toItemGql(await this.reviser.execute(new ReviseCatalogueItemCommand(caller, id, itemDraftOf(input))));
  }

  @Mutation(() => CatalogItemGql, { description: 'Withdraws the item from ordering; open requests finish' })
  @Roles(...PORTFOLIO_MANAGERS)
  async retireCatalogItem(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string | null): Promise<CatalogItemGql> {
    return toItemGql(await this.retirer.execute(new RetireCatalogueItemCommand(caller, id, reason ?? null)));
  }
}
