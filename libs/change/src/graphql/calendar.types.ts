import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CONFLICT_KINDS, WINDOW_SCOPES } from '../domain';
import type { ConflictKind, WindowScope } from '../domain';
import { ChangeSchema } from './change.schema-marker';
import { ChangeWindowGql } from './change.types';

const registerIn = ChangeSchema;

export const WindowScopeGql = registerDomainEnum(WINDOW_SCOPES, { name: 'MaintenanceWindowScope', registerIn, description: 'What a maintenance window governs: one CI, every CI of a service, every CI of a class' });
export const ConflictKindGql = registerDomainEnum(CONFLICT_KINDS, { name: 'ChangeConflictKind', registerIn });
export const RelationGql = registerDomainEnum(['parent', 'child'] as const, { name: 'ChangeConflictRelation', registerIn });

@ObjectType('MaintenanceWindow', { registerIn, description: 'A recurring maintenance window: an RRULE from a local first start, a duration, an IANA zone' })
export class MaintenanceWindowGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => WindowScopeGql) scope!: WindowScope;
  @Field({ description: 'The CI, service CI or CI class id' }) targetId!: string;
  @Field({ description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA' }) rrule!: string;
  @Field({ description: 'First occurrence, local wall time YYYY-MM-DDTHH:MM in timeZone' }) firstStart!: string;
  @Field(() => Int) durationMinutes!: number;
  @Field() timeZone!: string;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('BlackoutWindow', { registerIn, description: 'A change freeze: global (no services) or for the services named' })
export class BlackoutWindowGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() reason!: string;
  @Field(() => [String]) serviceIds!: string[];
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('ChangeConflict', { registerIn, description: 'Why a planned window conflicts, with the other change or window' })
export class ChangeConflictGql {
  @Field(() => ConflictKindGql) kind!: ConflictKind;
  @Field(() => String, { nullable: true, description: 'The change\'s own CI concerned' }) ciId!: string | null;
  @Field(() => String, { nullable: true, description: 'related_ci: the parent or child CI the other change is on' }) relatedCiId!: string | null;
  @Field(() => RelationGql, { nullable: true }) relation!: 'parent' | 'child' | null;
  @Field(() => ID, { nullable: true }) otherChangeId!: string | null;
  @Field(() => String, { nullable: true }) otherChangeNumber!: string | null;
  @Field(() => ID, { nullable: true, description: 'The maintenance window or blackout concerned' }) windowId!: string | null;
  @Field(() => ChangeWindowGql, { nullable: true, description: 'The clashing part of the planned window' }) overlap!: ChangeWindowGql | null;
  @Field() reason!: string;
}

@ObjectType('ChangeCalendarChange', { registerIn, description: 'A change holding a planned window (authorize, scheduled, implement)' })
export class ChangeCalendarChangeGql {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field() start!: Date;
  @Field() end!: Date;
}

@ObjectType('MaintenanceWindowOccurrence', { registerIn })
export class MaintenanceWindowOccurrenceGql {
  @Field(() => ID) windowId!: string;
  @Field() name!: string;
  @Field(() => WindowScopeGql) scope!: WindowScope;
  @Field() targetId!: string;
  @Field() start!: Date;
  @Field() end!: Date;
}

@ObjectType('ChangeCalendar', { registerIn, description: 'Changes, maintenance window occurrences and blackouts in a range, each by start' })
export class ChangeCalendarGql {
  @Field(() => [ChangeCalendarChangeGql]) changes!: ChangeCalendarChangeGql[];
  @Field(() => [MaintenanceWindowOccurrenceGql]) maintenanceWindows!: MaintenanceWindowOccurrenceGql[];
  @Field(() => [BlackoutWindowGql]) blackouts!: BlackoutWindowGql[];
}
