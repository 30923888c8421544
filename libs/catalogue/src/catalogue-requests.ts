import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';

/**
 * What CatalogueModule registers for service requests (a cart ordered as REQ with RITMs, their
 * approvals, fulfilment tasks, comments and work notes, access for requesters, fulfillers and
 * supplier agents): repositories, ports, handlers, resolvers and consumers. Owns `itsm.request.v1`.
 */
export const CATALOGUE_REQUEST_REPOSITORIES: readonly ContextRepository[] = [];
export const CATALOGUE_REQUEST_PROVIDERS: readonly Provider[] = [];
export const CATALOGUE_REQUEST_CONSUMERS: readonly (new (...args: never[]) => unknown)[] = [];
