import { registerDomainEnum } from '@itsm/platform/graphql';
import { WEEKDAYS } from '@itsm/recurrence';
import type { Weekday } from '@itsm/recurrence';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { NotificationCategory } from '../domain';
import { DIGEST_FREQUENCIES } from '../domain/preferences';
import type { DigestFrequency } from '../domain/preferences';
import { NotificationCategoryGql } from './notification-enums';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

export const DigestFrequencyGql = registerDomainEnum(DIGEST_FREQUENCIES, { name: 'DigestFrequency', registerIn });
export const NotificationWeekdayGql = registerDomainEnum(WEEKDAYS, { name: 'Weekday', registerIn });

@ObjectType('NotificationCategoryChannels', { registerIn, description: 'The person channels a category reaches' })
export class NotificationCategoryChannelsGql {
  @Field(() => NotificationCategoryGql) category!: NotificationCategory;
  @Field() email!: boolean;
  @Field() inApp!: boolean;
}

@ObjectType('NotificationQuietHours', { registerIn, description: 'Local minutes of the day; a start after the end runs past midnight; the window belongs to the day it starts on' })
export class NotificationQuietHoursGql {
  @Field(() => Int) startMinute!: number;
  @Field(() => Int) endMinute!: number;
  @Field(() => [NotificationWeekdayGql], { nullable: true, description: 'null: every day' }) days!: Weekday[] | null;
  @Field(() => String, { nullable: true, description: "null: the person's directory zone, else the platform default" }) timeZone!: string | null;
}

@ObjectType('NotificationCategoryDigest', { registerIn })
export class NotificationCategoryDigestGql {
  @Field(() => NotificationCategoryGql) category!: NotificationCategory;
  @Field(() => DigestFrequencyGql) frequency!: DigestFrequency;
  @Field(() => Int, { nullable: true, description: 'The local minute of the day a daily digest goes out' }) atMinute!: number | null;
}

@ObjectType('NotificationPreferences', { registerIn, description: "A person's notification preferences, every category listed with what applies to it" })
export class NotificationPreferencesGql {
  @Field(() => ID) personId!: string;
  @Field(() => [NotificationCategoryChannelsGql]) channels!: NotificationCategoryChannelsGql[];
  @Field(() => NotificationQuietHoursGql, { nullable: true }) quietHours!: NotificationQuietHoursGql | null;
  @Field({ description: 'Urgent notices (a P1, an on-call page) go out during quiet hours' }) urgentBreaksQuietHours!: boolean;
  @Field(() => [NotificationCategoryDigestGql]) digests!: NotificationCategoryDigestGql[];
}
