import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PublishCatalogueBundleCommand } from '../application/commands/publish-catalogue-bundle/publish-catalogue-bundle.command';
import { PublishCatalogueBundleHandler } from '../application/commands/publish-catalogue-bundle/publish-catalogue-bundle.handler';
import { RetireCatalogueBundleCommand } from '../application/commands/retire-catalogue-bundle/retire-catalogue-bundle.command';
import { RetireCatalogueBundleHandler } from '../application/commands/retire-catalogue-bundle/retire-catalogue-bundle.handler';
import { SaveCatalogueBundleCommand } from '../application/commands/save-catalogue-bundle/save-catalogue-bundle.command';
import { SaveCatalogueBundleHandler } from '../application/commands/save-catalogue-bundle/save-catalogue-bundle.handler';
import { CatalogueBundleHandler } from '../application/queries/catalogue-bundle/catalogue-bundle.handler';
import { CatalogueBundleQuery } from '../application/queries/catalogue-bundle/catalogue-bundle.query';
import { BUNDLE_LIST_LIMITS, CatalogueBundlesHandler } from '../application/queries/catalogue-bundles/catalogue-bundles.handler';
import { CatalogueBundlesQuery } from '../application/queries/catalogue-bundles/catalogue-bundles.query';
import type { BundleStatus } from '../domain';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { bundleCursor, bundleDraftOf, toBundleGql } from './catalogue-bundle-graphql.mapper';
import { CatalogBundleInput } from './catalogue-bundle.inputs';
import { CatalogBundleConnectionGql, CatalogBundleGql, CatalogBundleStatusGql } from './catalogue-bundle.types';
import { portfolioPage } from './portfolio-graphql.mapper';
import { CATALOGUE_BROWSERS, PORTFOLIO_MANAGERS } from './portfolio-role-sets';

/** Catalogue bundles: the orderable list, one bundle with its items' forms, and the bundle admin mutations. */
@Resolver(() => CatalogBundleGql)
@UseFilters(catalogueErrorFilter)
export class CatalogueBundleResolver {
  constructor(
    private readonly lister: CatalogueBundlesHandler,
    private readonly reader: CatalogueBundleHandler,
    private readonly saver: SaveCatalogueBundleHandler,
    private readonly publisher: PublishCatalogueBundleHandler,
    private readonly retirer: RetireCatalogueBundleHandler,
  ) {}

  @Query(() => CatalogBundleConnectionGql, { description: 'The bundles the caller may order (every item orderable and entitled), by name; admins: every bundle, or those of `status`' })
  @Roles(...CATALOGUE_BROWSERS)
  async catalogBundles(
    @CurrentPrincipal() caller: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('categoryId', { type: () => ID, nullable: true }) categoryId?: string | null,
    @Args('status', { type: () => CatalogBundleStatusGql, nullable: true }) status?: BundleStatus | null,
  ): Promise<ConnectionOf<CatalogBundleGql>> {
    const request = portfolioPage('cbundle', { first, after }, BUNDLE_LIST_LIMITS.first);
    const page = await this.lister.execute(new CatalogueBundlesQuery(caller, categoryId ?? null, request.first, request.after, status ?? null));
    return toConnection(page, bundleCursor, (bundle) => toBundleGql(bundle));
  }

  @Query(() => CatalogBundleGql, { description: 'One bundle with each item at its current version (its form as data)' })
  @Roles(...CATALOGUE_BROWSERS)
  async catalogBundle(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<CatalogBundleGql> {
    const view = await this.reader.execute(new CatalogueBundleQuery(caller, id));
    return toBundleGql(view.bundle, view.items);
  }

  @Mutation(() => CatalogBundleGql, { description: 'Creates a draft bundle (no id) or saves one again: catalogue admins, or the owner of every item service' })
  @Roles(...PORTFOLIO_MANAGERS)
  async saveBundle(@CurrentPrincipal() caller: Principal, @Args('input') input: CatalogBundleInput, @Args('id', { type: () => ID, nullable: true }) id?: string | null): Promise<CatalogBundleGql> {
    return toBundleGql(await this.saver.execute(new SaveCatalogueBundleCommand(caller, id ?? null, bundleDraftOf(input))));
  }

  @Mutation(() => CatalogBundleGql, { description: 'Makes a draft bundle orderable (every item of it published)' })
  @Roles(...PORTFOLIO_MANAGERS)
  async publishBundle(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<CatalogBundleGql> {
    return toBundleGql(await this.publisher.execute(new PublishCatalogueBundleCommand(caller, id)));
  }

  @Mutation(() => CatalogBundleGql, { description: 'Withdraws a bundle from ordering; requests ordered through it finish' })
  @Roles(...PORTFOLIO_MANAGERS)
  async retireBundle(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string | null): Promise<CatalogBundleGql> {
    return toBundleGql(await this.retirer.execute(new RetireCatalogueBundleCommand(caller, id, reason ?? null)));
  }
}
