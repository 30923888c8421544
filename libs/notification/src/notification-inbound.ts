import { notificationTopic } from '@itsm/contracts';
import { outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { ReceiveInboundMailHandler } from './application/commands/receive-inbound-mail/receive-inbound-mail.handler';
import { ReplyDeliveries } from './application/inbound/reply-deliveries';
import { InboundMailStore } from './application/ports/inbound-mail-store.port';
import { DEFAULT_INBOUND_LISTENER_OPTIONS, INBOUND_LISTENER_OPTIONS, InboundMailListener } from './messaging/inbound-mail.listener';
import { NOTIFICATION_SETTINGS } from './notification-env';
import type { NotificationSettings } from './notification-env';
import { InboundMailRepository } from './persistence/inbound-mail.repository';
import { inboundMailSchema } from './persistence/inbound-mail.schema';

/*
 * Inbound mail: replies become comments through itsm.notification.v1, auto-replies and bounces never do (loop protection).
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_INBOUND_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(InboundMailRepository, { model: 'NotificationInboundMail', schema: inboundMailSchema, topic: notificationTopic.name }, (model, notify) => new InboundMailRepository(model, notify)),
];
export const NOTIFICATION_INBOUND_PROVIDERS: readonly Provider[] = [
  { provide: InboundMailStore, useExisting: InboundMailRepository },
  { provide: INBOUND_LISTENER_OPTIONS, useFactory: (settings: NotificationSettings) => ({ ...DEFAULT_INBOUND_LISTENER_OPTIONS, lmtp: settings.inboundLmtp }), inject: [NOTIFICATION_SETTINGS] },
  ReplyDeliveries,
  ReceiveInboundMailHandler,
  InboundMailListener,
];
export const NOTIFICATION_INBOUND_CONSUMERS: readonly Type[] = [];
