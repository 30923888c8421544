import { Field, InputType, Int } from '@nestjs/graphql';
import type { Weekday } from '@itsm/recurrence';
import type { NotificationCategory } from '../domain';
import type { DigestFrequency } from '../domain/preferences';
import { NotificationSchema } from './notification.schema-marker';
import { NotificationCategoryGql } from './notification-enums';
import { DigestFrequencyGql, NotificationWeekdayGql } from './notification-preference.types';

const registerIn = NotificationSchema;

@InputType('NotificationCategoryChannelsInput', { registerIn })
export class NotificationCategoryChannelsInput {
  @Field(() => NotificationCategoryGql) category!: NotificationCategory;
  @Field() email!: boolean;
  @Field() inApp!: boolean;
}

@InputType('NotificationQuietHoursInput', { registerIn })
export class NotificationQuietHoursInput {
  @Field(() => Int) startMinute!: number;
  @Field(() => Int) endMinute!: number;
  @Field(() => [NotificationWeekdayGql], { nullable: true }) days?: Weekday[] | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
}

@InputType('NotificationCategoryDigestInput', { registerIn })
export class NotificationCategoryDigestInput {
  @Field(() => NotificationCategoryGql) category!: NotificationCategory;
  @Field(() => DigestFrequencyGql) frequency!: DigestFrequency;
  @Field(() => Int, { nullable: true }) atMinute?: number | null;
}

@InputType('NotificationPreferencesInput', { registerIn, description: 'Replaces the preferences whole; a category left out has the defaults (both channels, no digest)' })
export class NotificationPreferencesInput {
  @Field(() => [NotificationCategoryChannelsInput], { defaultValue: [] }) channels!: NotificationCategoryChannelsInput[];
  @Field(() => NotificationQuietHoursInput, { nullable: true }) quietHours?: NotificationQuietHoursInput | null;
  @Field(() => Boolean, { nullable: true }) urgentBreaksQuietHours?: boolean | null;
  @Field(() => [NotificationCategoryDigestInput], { defaultValue: [] }) digests!: NotificationCategoryDigestInput[];
}
