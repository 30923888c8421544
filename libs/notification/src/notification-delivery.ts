import { notificationTopic } from '@itsm/contracts';
import { outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { InAppInbox } from './application/channels/in-app/in-app-inbox.service';
import { MailSender } from './application/channels/email/mail-sender.port';
import { SmtpMailSender } from './application/channels/email/smtp-mail.sender';
import { DeliveryAttempts } from './application/delivery/delivery-attempts.service';
import { DeliveryIntakeService } from './application/delivery/delivery-intake.service';
import { DeliverySendQueue } from './application/delivery/delivery-send-queue';
import { StoredDeliveryRecords } from './application/delivery/delivery-records.service';
import { DeliveryReport } from './application/delivery/delivery-report.service';
import { DeliveryStore } from './application/delivery/delivery-store.port';
import { DeliverySweeper } from './application/delivery/delivery-sweeper';
import { DELIVERY_TUNING, deliveryTuningFrom } from './application/delivery/delivery-tuning';
import { DeliveryIntake, DeliveryRecords } from './application/ports';
import { DeliveryResolver } from './graphql/delivery.resolver';
import { InboxResolver } from './graphql/inbox.resolver';
import { deliverySchema } from './persistence/delivery-document';
import { DeliveryRepository } from './persistence/delivery.repository';
import { NOTIFICATION_SETTINGS } from './notification-env';
import type { NotificationSettings } from './notification-env';

/*
 * Deliveries (claimed once per event, recipient and channel), the channels (SMTP mail, Standard Webhooks, Slack, Teams, in-app inbox), retries through breakers, endpoints.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 * Delivery implements DeliveryIntake and DeliveryRecords; it uses DeliveryPlanner (preferences), MessageRenderer
 * (templates) and EndpointSender (endpoints), which their parts bind.
 */
export const NOTIFICATION_DELIVERY_REPOSITORIES: readonly ContextRepository[] = [
  outboxRepository(DeliveryRepository, { model: 'NotificationDelivery', schema: deliverySchema, topic: notificationTopic.name }, (model, notify) => new DeliveryRepository(model, notify)),
];
export const NOTIFICATION_DELIVERY_PROVIDERS: readonly Provider[] = [
  { provide: DELIVERY_TUNING, useFactory: (settings: NotificationSettings) => deliveryTuningFrom(settings.delivery), inject: [NOTIFICATION_SETTINGS] },
  { provide: DeliveryStore, useExisting: DeliveryRepository },
  { provide: MailSender, useClass: SmtpMailSender },
  DeliveryAttempts,
  DeliverySendQueue,
  { provide: DeliveryIntake, useClass: DeliveryIntakeService },
  { provide: DeliveryRecords, useClass: StoredDeliveryRecords },
  DeliverySweeper,
  InAppInbox,
  DeliveryReport,
  InboxResolver,
  DeliveryResolver,
];
export const NOTIFICATION_DELIVERY_CONSUMERS: readonly Type[] = [];
