import type { NotificationPreferences } from '../../domain/preferences';

/** Where people's notification preferences are kept (one record per person; none saved: the defaults). */
export abstract class PreferenceStore {
  /** The saved preferences of those of `personIds` who saved any, by person id. */
  abstract findMany(personIds: readonly string[]): Promise<ReadonlyMap<string, NotificationPreferences>>;
  async find(personId: string): Promise<NotificationPreferences | null> {
    return (await this.findMany([personId])).get(personId) ?? null;
  }
  abstract save(preferences: NotificationPreferences, now: number): Promise<void>;
}
