import { DEFAULT_DELIVERY_LIMITS } from '../../domain/digests';
import type { DeliveryLimits } from '../../domain/digests';
import type { NotificationSettings } from '../../notification-env';

/** What the planner is configured with: storm thresholds and rate limits, and the zone of people the directory gives none. */
export abstract class PlannerSettings {
  abstract readonly limits: DeliveryLimits;
  abstract readonly defaultTimeZone: string;
}

/** The planner's settings from the context's: the default limits, the context's default time zone. */
export function plannerSettingsFrom(settings: Pick<NotificationSettings, 'defaultTimeZone'>, limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS): PlannerSettings {
  return { limits, defaultTimeZone: settings.defaultTimeZone };
}
