import { Clock, SystemClock } from '@itsm/platform/config';
import { contextRepository, ContextPersistenceModule, DirectoryProjection, MongoDirectoryProjection } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NOTIFICATION_DELIVERY_CONSUMERS, NOTIFICATION_DELIVERY_PROVIDERS, NOTIFICATION_DELIVERY_REPOSITORIES } from './notification-delivery';
import { NOTIFICATION_SETTINGS } from './notification-env';
import type { NotificationSettings } from './notification-env';
import { NOTIFICATION_INBOUND_CONSUMERS, NOTIFICATION_INBOUND_PROVIDERS, NOTIFICATION_INBOUND_REPOSITORIES } from './notification-inbound';
import { NOTIFICATION_ON_CALL_CONSUMERS, NOTIFICATION_ON_CALL_PROVIDERS, NOTIFICATION_ON_CALL_REPOSITORIES } from './notification-on-call';
import { NOTIFICATION_PREFERENCES_CONSUMERS, NOTIFICATION_PREFERENCES_PROVIDERS, NOTIFICATION_PREFERENCES_REPOSITORIES } from './notification-preferences';
import { NOTIFICATION_RULES_CONSUMERS, NOTIFICATION_RULES_PROVIDERS, NOTIFICATION_RULES_REPOSITORIES } from './notification-rules';

export const NOTIFICATION_CONNECTION = Symbol('NOTIFICATION_CONNECTION');
export { NOTIFICATION_SETTINGS } from './notification-env';

export interface NotificationModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: NotificationSettings;
}

/**
 * Notifications and on-call: its own database (`<prefix>_notification`), the directory projection
 * it finds people, their addresses, locales and zones in, and its parts, each registered in its own
 * file (rules, delivery, preferences, on-call, inbound). Needs MessagingModule, ObservabilityModule
 * and AuthModule.
 */
@Module({})
export class NotificationModule {
  static forRoot(options: NotificationModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'notification',
      mongo: options.mongo,
      connection: NOTIFICATION_CONNECTION,
      repositories: [
        contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes),
        ...NOTIFICATION_RULES_REPOSITORIES,
        ...NOTIFICATION_DELIVERY_REPOSITORIES,
        ...NOTIFICATION_PREFERENCES_REPOSITORIES,
        ...NOTIFICATION_ON_CALL_REPOSITORIES,
        ...NOTIFICATION_INBOUND_REPOSITORIES,
      ],
    });
    return {
      module: NotificationModule,
      global: true,
      imports: [persistence],
      controllers: [...NOTIFICATION_RULES_CONSUMERS, ...NOTIFICATION_DELIVERY_CONSUMERS, ...NOTIFICATION_PREFERENCES_CONSUMERS, ...NOTIFICATION_ON_CALL_CONSUMERS, ...NOTIFICATION_INBOUND_CONSUMERS],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: NOTIFICATION_SETTINGS, useValue: options.settings },
        { provide: DirectoryProjection, useExisting: MongoDirectoryProjection },
        ...NOTIFICATION_RULES_PROVIDERS,
        ...NOTIFICATION_DELIVERY_PROVIDERS,
        ...NOTIFICATION_PREFERENCES_PROVIDERS,
        ...NOTIFICATION_ON_CALL_PROVIDERS,
        ...NOTIFICATION_INBOUND_PROVIDERS,
      ],
      exports: [Clock, DirectoryProjection, NOTIFICATION_SETTINGS, persistence],
    };
  }
}
