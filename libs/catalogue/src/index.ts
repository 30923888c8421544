/*
 * Service portfolio, service catalogue and request fulfilment (issue 15): the pure domain (typed item
 * forms, fulfilment plans, entitlements) and the context (`catalogueContext`) the service kit runs.
 */
export * from './domain';
export { CATALOGUE_CONSUMER_GROUP, catalogueContext } from './catalogue.context';
// The use cases a tool drives in process (bench:catalogue): seeding, the entitled browse, ordering.
export type { PortfolioCaller } from './application/portfolio-access';
export { SaveCategoryCommand } from './application/commands/save-category/save-category.command';
export { SaveCategoryHandler } from './application/commands/save-category/save-category.handler';
export { SaveEntitlementRuleCommand } from './application/commands/save-entitlement-rule/save-entitlement-rule.command';
export { SaveEntitlementRuleHandler } from './application/commands/save-entitlement-rule/save-entitlement-rule.handler';
export { PublishCatalogueItemCommand } from './application/commands/publish-catalogue-item/publish-catalogue-item.command';
export { PublishCatalogueItemHandler } from './application/commands/publish-catalogue-item/publish-catalogue-item.handler';
export { ProjectDirectoryEventCommand } from './application/commands/project-directory-event/project-directory-event.command';
export { ProjectDirectoryEventHandler } from './application/commands/project-directory-event/project-directory-event.handler';
export { BrowseCatalogueQuery } from './application/queries/browse-catalogue/browse-catalogue.query';
export { BrowseCatalogueHandler, BROWSE_LIMITS } from './application/queries/browse-catalogue/browse-catalogue.handler';
export { OrderCatalogItemsCommand } from './application/commands/order-catalog-items/order-catalog-items.command';
export type { OrderLine } from './application/commands/order-catalog-items/order-catalog-items.command';
export { OrderCatalogItemsHandler } from './application/commands/order-catalog-items/order-catalog-items.handler';
