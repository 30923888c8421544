import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, ROLES, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SaveNotificationPreferencesCommand } from '../application/commands/save-notification-preferences/save-notification-preferences.command';
import { SaveNotificationPreferencesHandler } from '../application/commands/save-notification-preferences/save-notification-preferences.handler';
import { NotificationPreferencesHandler } from '../application/queries/notification-preferences/notification-preferences.handler';
import { NotificationPreferencesQuery } from '../application/queries/notification-preferences/notification-preferences.query';
import { NOTIFICATION_CATEGORIES } from '../domain';
import { channelsFor, digestFor } from '../domain/preferences';
import type { NotificationPreferences } from '../domain/preferences';
import { NotificationPreferencesInput } from './notification-preference.inputs';
import { NotificationPreferencesGql } from './notification-preference.types';
import { notificationErrorFilter } from './notification-error.filter';

function toPreferencesGql(p: NotificationPreferences): NotificationPreferencesGql {
  return {
    personId: p.personId,
    channels: NOTIFICATION_CATEGORIES.map((category) => ({ category, email: channelsFor(p, category).email, inApp: channelsFor(p, category).in_app })),
    quietHours: p.quietHours === null ? null : { ...p.quietHours, days: p.quietHours.days === null ? null : [...p.quietHours.days] },
    urgentBreaksQuietHours: p.urgentBreaksQuietHours,
    digests: NOTIFICATION_CATEGORIES.map((category) => {
      const digest = digestFor(p, category);
      return { category, frequency: digest.frequency, atMinute: digest.frequency === 'daily' ? digest.atMinute : null };
    }),
  };
}

/** Everyone's own notification preferences; a notification admin may read and set anyone's (`personId`). */
@Resolver(() => NotificationPreferencesGql)
@UseFilters(notificationErrorFilter)
export class NotificationPreferenceResolver {
  constructor(
    private readonly finder: NotificationPreferencesHandler,
    private readonly saver: SaveNotificationPreferencesHandler,
  ) {}

  @Query(() => NotificationPreferencesGql, { description: "The caller's notification preferences (a notification admin: anyone's by personId)" })
  @Roles(...ROLES)
  async myNotificationPreferences(@CurrentPrincipal() caller: Principal, @Args('personId', { type: () => ID, nullable: true }) personId?: string | null): Promise<NotificationPreferencesGql> {
    return toPreferencesGql(await this.finder.execute(new NotificationPreferencesQuery(caller, personId ?? null)));
  }

  @Mutation(() => NotificationPreferencesGql, { description: "Replaces the caller's notification preferences (a notification admin: anyone's by personId)" })
  @Roles(...ROLES)
  async saveMyNotificationPreferences(
    @CurrentPrincipal() caller: Principal,
    @Args('input') input: NotificationPreferencesInput,
    @Args('personId', { type: () => ID, nullable: true }) personId?: string | null,
  ): Promise<NotificationPreferencesGql> {
    const command = new SaveNotificationPreferencesCommand(caller, personId ?? null, { ...input, quietHours: input.quietHours ?? null });
    return toPreferencesGql(await this.saver.execute(command));
  }
}
