import { requestTopic } from '@itsm/contracts';
import { NumberSequenceRepository, outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ActOnFulfilmentTaskHandler } from './application/commands/act-on-fulfilment-task/act-on-fulfilment-task.handler';
import { AddRequestCommentHandler } from './application/commands/add-request-comment/add-request-comment.handler';
import { AddRequestReplyHandler } from './application/commands/add-request-reply/add-request-reply.handler';
import { AssignFulfilmentTaskHandler } from './application/commands/assign-fulfilment-task/assign-fulfilment-task.handler';
import { CancelRequestHandler } from './application/commands/cancel-request/cancel-request.handler';
import { DecideRequestApprovalHandler } from './application/commands/decide-request-approval/decide-request-approval.handler';
import { OrderCatalogItemsHandler } from './application/commands/order-catalog-items/order-catalog-items.handler';
import { RequestNumbers, ServiceRequestStore } from './application/ports/service-request-store.port';
import { RequestReads } from './application/queries/request-reads.service';
import { RequestAccess } from './application/request-access.service';
import { RequestCommandRunner } from './application/request-command-runner';
import { RequestDirectory } from './application/request-directory.service';
import { FulfilmentTaskResolver } from './graphql/fulfilment-task.resolver';
import { FulfilmentTaskReferenceResolver, RequestedItemReferenceResolver } from './graphql/request-references.resolver';
import { RequestResolver } from './graphql/request.resolver';
import { NotificationRepliesConsumer } from './messaging/notification-replies.consumer';
import { serviceRequestSchema } from './persistence/service-request.schema';
import { ServiceRequestRepository } from './persistence/service-request.repository';

/**
 * What CatalogueModule registers for service requests (a cart ordered as REQ with RITMs, their
 * approvals, fulfilment tasks, comments and work notes, access for requesters, fulfillers and
 * supplier agents; replies to notification mails about requests as comments): repositories, ports,
 * handlers, resolvers and consumers. Owns `itsm.request.v1`.
 */
export const CATALOGUE_REQUEST_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(ServiceRequestRepository, { model: 'ServiceRequest', schema: serviceRequestSchema, topic: requestTopic.name }, (model, notify) => new ServiceRequestRepository(model, notify)),
];
export const CATALOGUE_REQUEST_PROVIDERS: readonly Provider[] = [
  { provide: ServiceRequestStore, useExisting: ServiceRequestRepository },
  { provide: RequestNumbers, useExisting: NumberSequenceRepository },
  RequestDirectory,
  RequestAccess,
  RequestCommandRunner,
  RequestReads,
  OrderCatalogItemsHandler,
  DecideRequestApprovalHandler,
  ActOnFulfilmentTaskHandler,
  AssignFulfilmentTaskHandler,
  CancelRequestHandler,
  AddRequestCommentHandler,
  AddRequestReplyHandler,
  RequestResolver,
  FulfilmentTaskResolver,
  RequestedItemReferenceResolver,
  FulfilmentTaskReferenceResolver,
];
export const CATALOGUE_REQUEST_CONSUMERS: readonly (new (...args: never[]) => unknown)[] = [NotificationRepliesConsumer];
