import { notificationTopic } from '@itsm/contracts';
import { outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import { HttpTransport, NodeHttpTransport } from '@itsm/platform/webhooks';
import type { Provider, Type } from '@nestjs/common';
import { RetireEndpointSecretHandler } from './application/commands/retire-endpoint-secret/retire-endpoint-secret.handler';
import { RotateEndpointSecretHandler } from './application/commands/rotate-endpoint-secret/rotate-endpoint-secret.handler';
import { SaveNotificationEndpointHandler } from './application/commands/save-notification-endpoint/save-notification-endpoint.handler';
import { SwitchNotificationEndpointHandler } from './application/commands/switch-notification-endpoint/switch-notification-endpoint.handler';
import { TestNotificationEndpointHandler } from './application/commands/test-notification-endpoint/test-notification-endpoint.handler';
import { DEFAULT_ENDPOINT_DELIVERY_POLICY, ENDPOINT_DELIVERY_POLICY } from './application/endpoint-delivery-policy';
import { HttpEndpointSender } from './application/endpoint-sender.service';
import { EndpointSender, KnownEndpoints } from './application/ports/endpoint-sender.port';
import { ActiveEndpoints, NotificationEndpointStore } from './application/ports/endpoint-store.port';
import { NotificationEndpointsHandler } from './application/queries/notification-endpoints/notification-endpoints.handler';
import { NotificationEndpointResolver } from './graphql/notification-endpoint.resolver';
import { NOTIFICATION_SETTINGS } from './notification-env';
import type { NotificationSettings } from './notification-env';
import { NotificationEndpointRepository } from './persistence/notification-endpoint.repository';
import { endpointSchema } from './persistence/notification-endpoint.schema';

/*
 * Endpoints: Standard Webhooks (signed, two secrets during a rotation), Slack and Teams incoming
 * webhooks; EndpointSender (each endpoint behind its own breaker; 410 disables), KnownEndpoints and
 * ActiveEndpoints for the rules and delivery parts; the admins' GraphQL.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_ENDPOINTS_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(NotificationEndpointRepository, { model: 'NotificationEndpoint', schema: endpointSchema, topic: notificationTopic.name }, (model, notify) => new NotificationEndpointRepository(model, notify)),
];
export const NOTIFICATION_ENDPOINTS_PROVIDERS: readonly Provider[] = [
  { provide: NotificationEndpointStore, useExisting: NotificationEndpointRepository },
  { provide: KnownEndpoints, useExisting: NotificationEndpointRepository },
  { provide: ActiveEndpoints, useExisting: NotificationEndpointRepository },
  { provide: ENDPOINT_DELIVERY_POLICY, useValue: DEFAULT_ENDPOINT_DELIVERY_POLICY },
  {
    provide: HttpTransport,
    useFactory: (settings: Pick<NotificationSettings, 'allowPrivateTargets'>) => new NodeHttpTransport({ allowPrivateTargets: settings.allowPrivateTargets, userAgent: 'itsm-notification' }),
    inject: [NOTIFICATION_SETTINGS],
  },
  HttpEndpointSender,
  { provide: EndpointSender, useExisting: HttpEndpointSender },
  NotificationEndpointsHandler,
  SaveNotificationEndpointHandler,
  RotateEndpointSecretHandler,
  RetireEndpointSecretHandler,
  SwitchNotificationEndpointHandler,
  TestNotificationEndpointHandler,
  NotificationEndpointResolver,
];
export const NOTIFICATION_ENDPOINTS_CONSUMERS: readonly Type[] = [];
