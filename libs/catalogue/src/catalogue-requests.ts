import { requestTopic } from '@itsm/contracts';
import { outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ServiceRequestStore } from './application/ports/service-request-store.port';
import { serviceRequestSchema } from './persistence/service-request.schema';
import { ServiceRequestRepository } from './persistence/service-request.repository';

/**
 * What CatalogueModule registers for service requests (a cart ordered as REQ with RITMs, their
 * approvals, fulfilment tasks, comments and work notes, access for requesters, fulfillers and
 * supplier agents): repositories, ports, handlers, resolvers and consumers. Owns `itsm.request.v1`.
 */
export const CATALOGUE_REQUEST_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(ServiceRequestRepository, { model: 'ServiceRequest', schema: serviceRequestSchema, topic: requestTopic.name }, (model, notify) => new ServiceRequestRepository(model, notify)),
];
export const CATALOGUE_REQUEST_PROVIDERS: readonly Provider[] = [{ provide: ServiceRequestStore, useExisting: ServiceRequestRepository }];
export const CATALOGUE_REQUEST_CONSUMERS: readonly (new (...args: never[]) => unknown)[] = [];
