import type { DeliveryLimits } from '../../domain/digests';
import type { NotificationSettings } from '../../notification-env';

/** What the planner is configured with: storm thresholds and rate limits, and the zone of people the directory gives none. */
export abstract class PlannerSettings {
  abstract readonly limits: DeliveryLimits;
  abstract readonly defaultTimeZone: string;
}

/** The planner's settings from the context's. */
export function plannerSettingsFrom(settings: Pick<NotificationSettings, 'defaultTimeZone' | 'limits'>): PlannerSettings {
  return { limits: settings.limits, defaultTimeZone: settings.defaultTimeZone };
}
