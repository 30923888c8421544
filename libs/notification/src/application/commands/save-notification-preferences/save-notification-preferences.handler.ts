import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { parsePreferences } from '../../../domain/preferences';
import type { NotificationPreferences } from '../../../domain/preferences';
import { PreferenceAccess } from '../../preferences/preference-access';
import { PreferenceStore } from '../../preferences/preference-store.port';
import type { SaveNotificationPreferencesCommand } from './save-notification-preferences.command';

/** Checks and saves preferences whole (INVALID_PREFERENCE naming the field: nothing saved). */
@Injectable()
export class SaveNotificationPreferencesHandler {
  constructor(
    private readonly access: PreferenceAccess,
    private readonly store: PreferenceStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: SaveNotificationPreferencesCommand): Promise<NotificationPreferences> {
    const personId = await this.access.personFor(command.caller, command.personId);
    const preferences = parsePreferences(personId, command.input);
    await this.store.save(preferences, this.clock.now().getTime());
    return preferences;
  }
}
