import { contextRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { SaveNotificationPreferencesHandler } from './application/commands/save-notification-preferences/save-notification-preferences.handler';
import { DigestFlushScheduler } from './application/digests/digest-flush.scheduler';
import { DigestFlusher } from './application/digests/digest-flusher';
import { DigestStore } from './application/digests/digest-store.port';
import { PlannerSettings, plannerSettingsFrom } from './application/planner/planner-settings';
import { PreferenceDeliveryPlanner } from './application/planner/preference-delivery-planner';
import { WindowSlots } from './application/planner/window-slots.port';
import { DeliveryPlanner } from './application/ports';
import { PreferenceAccess } from './application/preferences/preference-access';
import { PreferenceStore } from './application/preferences/preference-store.port';
import { NotificationPreferencesHandler } from './application/queries/notification-preferences/notification-preferences.handler';
import { NotificationPreferenceResolver } from './graphql/notification-preference.resolver';
import { NotificationDigestRepository } from './persistence/notification-digest.repository';
import { NOTIFICATION_SETTINGS } from './notification-env';
import type { NotificationSettings } from './notification-env';
import { NotificationPreferenceRepository } from './persistence/notification-preference.repository';
import { WindowSlotRepository } from './persistence/preference-window-slots.repository';

/*
 * People's preferences (channel per category, quiet hours in their zone), digests and storm coalescing, rate limits.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 * Provides DeliveryPlanner (PreferenceDeliveryPlanner); needs DeliveryIntake (the delivery part) for the digest flush.
 */
export const NOTIFICATION_PREFERENCES_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(NotificationPreferenceRepository, (c) => new NotificationPreferenceRepository(c), NotificationPreferenceRepository.indexes),
  contextRepository(NotificationDigestRepository, (c) => new NotificationDigestRepository(c), NotificationDigestRepository.indexes),
  contextRepository(WindowSlotRepository, (c) => new WindowSlotRepository(c), WindowSlotRepository.indexes),
];
export const NOTIFICATION_PREFERENCES_PROVIDERS: readonly Provider[] = [
  { provide: PreferenceStore, useExisting: NotificationPreferenceRepository },
  { provide: DigestStore, useExisting: NotificationDigestRepository },
  { provide: WindowSlots, useExisting: WindowSlotRepository },
  { provide: PlannerSettings, useFactory: (settings: NotificationSettings) => plannerSettingsFrom(settings), inject: [NOTIFICATION_SETTINGS] },
  { provide: DeliveryPlanner, useClass: PreferenceDeliveryPlanner },
  PreferenceAccess,
  NotificationPreferencesHandler,
  SaveNotificationPreferencesHandler,
  DigestFlusher,
  DigestFlushScheduler,
  NotificationPreferenceResolver,
];
export const NOTIFICATION_PREFERENCES_CONSUMERS: readonly Type[] = [];
