import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';

/**
 * What CatalogueModule registers for the service portfolio and the catalogue (services through their
 * lifecycle with the go-live approval, offerings, categories, versioned items with their forms,
 * plans and approval policies, entitlement rules, browsing): repositories (on the context's
 * connection, with their indexes), ports, handlers, resolvers and consumers. Owns `itsm.service.v1`.
 */
export const CATALOGUE_PORTFOLIO_REPOSITORIES: readonly ContextRepository[] = [];
export const CATALOGUE_PORTFOLIO_PROVIDERS: readonly Provider[] = [];
export const CATALOGUE_PORTFOLIO_CONSUMERS: readonly (new (...args: never[]) => unknown)[] = [];
