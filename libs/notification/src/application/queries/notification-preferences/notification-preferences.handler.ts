import { Injectable } from '@nestjs/common';
import { defaultPreferences } from '../../../domain/preferences';
import type { NotificationPreferences } from '../../../domain/preferences';
import { PreferenceAccess } from '../../preferences/preference-access';
import { PreferenceStore } from '../../preferences/preference-store.port';
import type { NotificationPreferencesQuery } from './notification-preferences.query';

/** What was saved, or the defaults for someone who never saved any. */
@Injectable()
export class NotificationPreferencesHandler {
  constructor(
    private readonly access: PreferenceAccess,
    private readonly store: PreferenceStore,
  ) {}

  async execute(query: NotificationPreferencesQuery): Promise<NotificationPreferences> {
    const personId = await this.access.personFor(query.caller, query.personId);
    return (await this.store.find(personId)) ?? defaultPreferences(personId);
  }
}
