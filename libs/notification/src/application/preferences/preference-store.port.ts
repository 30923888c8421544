import type { NotificationPreferences } from '../../domain/preferences';

/** Where people's notification preferences are kept (one record per person; none saved: the defaults). */
export abstract class PreferenceStore {
  abstract find(personId: string): Promise<NotificationPreferences | null>;
  abstract save(preferences: NotificationPreferences, now: number): Promise<void>;
}
