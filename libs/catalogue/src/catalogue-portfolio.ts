import { serviceTopic } from '@itsm/contracts';
import { contextRepository, outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { CatalogueBundleItems } from './application/catalogue-bundle-items.service';
import { CatalogueItemReferences } from './application/catalogue-item-references.service';
import { PublishCatalogueBundleHandler } from './application/commands/publish-catalogue-bundle/publish-catalogue-bundle.handler';
import { RetireCatalogueBundleHandler } from './application/commands/retire-catalogue-bundle/retire-catalogue-bundle.handler';
import { SaveCatalogueBundleHandler } from './application/commands/save-catalogue-bundle/save-catalogue-bundle.handler';
import { CatalogueBundleHandler } from './application/queries/catalogue-bundle/catalogue-bundle.handler';
import { CatalogueBundlesHandler } from './application/queries/catalogue-bundles/catalogue-bundles.handler';
import { CatalogueBundleResolver } from './graphql/catalogue-bundle.resolver';
import { catalogueBundleSchema } from './persistence/catalogue-bundle.schema';
import { CatalogueBundleRepository } from './persistence/catalogue-bundle.repository';
import { CreateServiceHandler } from './application/commands/create-service/create-service.handler';
import { DecideServiceApprovalHandler } from './application/commands/decide-service-approval/decide-service-approval.handler';
import { DeleteEntitlementRuleHandler } from './application/commands/delete-entitlement-rule/delete-entitlement-rule.handler';
import { DeleteGoLivePolicyHandler } from './application/commands/delete-go-live-policy/delete-go-live-policy.handler';
import { ProposeServiceGoLiveHandler } from './application/commands/propose-service-go-live/propose-service-go-live.handler';
import { PublishCatalogueItemHandler } from './application/commands/publish-catalogue-item/publish-catalogue-item.handler';
import { RetireCatalogueItemHandler } from './application/commands/retire-catalogue-item/retire-catalogue-item.handler';
import { RetireServiceHandler } from './application/commands/retire-service/retire-service.handler';
import { ReviseCatalogueItemHandler } from './application/commands/revise-catalogue-item/revise-catalogue-item.handler';
import { SaveCategoryHandler } from './application/commands/save-category/save-category.handler';
import { SaveEntitlementRuleHandler } from './application/commands/save-entitlement-rule/save-entitlement-rule.handler';
import { SaveGoLivePolicyHandler } from './application/commands/save-go-live-policy/save-go-live-policy.handler';
import { UpdateServiceHandler } from './application/commands/update-service/update-service.handler';
import { GoLiveApprovers } from './application/go-live-approvers.service';
import { CatalogueBundleCommands, CatalogueItemCommands, ServiceCommands } from './application/portfolio-command-runners';
import { OrderableBundles, OrderableItems } from './application/ports/orderable-items.port';
import { CatalogueBundleStore, CatalogueItemStore, CategoryStore, EntitlementRuleStore, GoLivePolicyStore, ServiceStore } from './application/ports/portfolio-stores.port';
import { BrowseCatalogueHandler } from './application/queries/browse-catalogue/browse-catalogue.handler';
import { CatalogueItemHandler } from './application/queries/catalogue-item/catalogue-item.handler';
import { FindEntitlementRulesHandler } from './application/queries/find-entitlement-rules/find-entitlement-rules.handler';
import { FindServicesHandler } from './application/queries/find-services/find-services.handler';
import { ListCategoriesHandler } from './application/queries/list-categories/list-categories.handler';
import { ServiceHandler } from './application/queries/service/service.handler';
import { ServicesAwaitingApprovalHandler } from './application/queries/services-awaiting-approval/services-awaiting-approval.handler';
import { RequesterProfiles } from './application/requester-profiles.service';
import { ServiceReferences } from './application/service-references.service';
import { CatalogueItemResolver } from './graphql/catalogue-item.resolver';
import { EntitlementRuleResolver } from './graphql/entitlement-rule.resolver';
import { PortfolioServiceResolver } from './graphql/portfolio-service.resolver';
import { catalogueItemSchema } from './persistence/catalogue-item.schema';
import { CatalogueItemRepository } from './persistence/catalogue-item.repository';
import { CategoryRepository } from './persistence/category.repository';
import { EntitlementRuleRepository } from './persistence/entitlement-rule.repository';
import { GoLivePolicyRepository } from './persistence/go-live-policy.repository';
import { ServiceLifecycles } from './persistence/service-lifecycles';
import { ServiceRepository } from './persistence/service.repository';
import { KnownServices } from './application/ports/known-services.port';
import { StoredKnownServices } from './application/stored-known-services';
import { serviceSchema } from './persistence/service.schema';

/**
 * What CatalogueModule registers for the service portfolio and the catalogue (services through their
 * lifecycle with the go-live approval, offerings, categories, versioned items with their forms,
 * plans and approval policies, bundles of items, entitlement rules, browsing): repositories (on the context's
 * connection, with their indexes), ports, handlers, resolvers and consumers. Owns `itsm.service.v1`.
 */
export const CATALOGUE_PORTFOLIO_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(CatalogueItemRepository, { model: 'CatalogueItem', schema: catalogueItemSchema, topic: serviceTopic.name }, (model, notify) => new CatalogueItemRepository(model, notify, new EntitlementRuleRepository(model.db), new ServiceLifecycles(model.db))),
  outboxRepository(CatalogueBundleRepository, { model: 'CatalogueBundle', schema: catalogueBundleSchema, topic: serviceTopic.name }, (model, notify) => new CatalogueBundleRepository(model, notify)),
  outboxRepository(ServiceRepository, { model: 'CatalogueService', schema: serviceSchema, topic: serviceTopic.name }, (model, notify) => new ServiceRepository(model, notify)),
  contextRepository(CategoryRepository, (c) => new CategoryRepository(c), CategoryRepository.indexes),
  contextRepository(EntitlementRuleRepository, (c) => new EntitlementRuleRepository(c), EntitlementRuleRepository.indexes),
  contextRepository(GoLivePolicyRepository, (c) => new GoLivePolicyRepository(c), GoLivePolicyRepository.indexes),
];

export const CATALOGUE_PORTFOLIO_PROVIDERS: readonly Provider[] = [
  { provide: CatalogueItemStore, useExisting: CatalogueItemRepository },
  { provide: OrderableItems, useExisting: CatalogueItemRepository },
  { provide: CatalogueBundleStore, useExisting: CatalogueBundleRepository },
  { provide: OrderableBundles, useExisting: CatalogueBundleRepository },
  { provide: ServiceStore, useExisting: ServiceRepository },
  { provide: KnownServices, useClass: StoredKnownServices },
  { provide: CategoryStore, useExisting: CategoryRepository },
  { provide: EntitlementRuleStore, useExisting: EntitlementRuleRepository },
  { provide: GoLivePolicyStore, useExisting: GoLivePolicyRepository },
  CatalogueItemCommands,
  CatalogueBundleCommands,
  CatalogueBundleItems,
  ServiceCommands,
  CatalogueItemReferences,
  ServiceReferences,
  GoLiveApprovers,
  RequesterProfiles,
  SaveCategoryHandler,
  PublishCatalogueItemHandler,
  ReviseCatalogueItemHandler,
  RetireCatalogueItemHandler,
  SaveCatalogueBundleHandler,
  PublishCatalogueBundleHandler,
  RetireCatalogueBundleHandler,
  CatalogueBundlesHandler,
  CatalogueBundleHandler,
  SaveEntitlementRuleHandler,
  DeleteEntitlementRuleHandler,
  CreateServiceHandler,
  UpdateServiceHandler,
  ProposeServiceGoLiveHandler,
  DecideServiceApprovalHandler,
  RetireServiceHandler,
  SaveGoLivePolicyHandler,
  DeleteGoLivePolicyHandler,
  BrowseCatalogueHandler,
  CatalogueItemHandler,
  ListCategoriesHandler,
  FindEntitlementRulesHandler,
  FindServicesHandler,
  ServiceHandler,
  ServicesAwaitingApprovalHandler,
  CatalogueItemResolver,
  CatalogueBundleResolver,
  PortfolioServiceResolver,
  EntitlementRuleResolver,
];
export const CATALOGUE_PORTFOLIO_CONSUMERS: readonly (new (...args: never[]) => unknown)[] = [];
