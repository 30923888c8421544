import { InputText } from '@itsm/platform/graphql';
import { Field, InputType, Int } from '@nestjs/graphql';
import type { WindowScope } from '../domain';
import { WindowScopeGql } from './calendar.types';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

@InputType('MaintenanceWindowInput', { registerIn })
export class MaintenanceWindowInput {
  @Field() name!: string;
  @Field(() => WindowScopeGql) scope!: WindowScope;
  @Field() targetId!: string;
  @Field({ description: 'RFC 5545 RRULE, at most daily' }) rrule!: string;
  @Field({ description: 'Local wall time YYYY-MM-DDTHH:MM of the first occurrence' }) firstStart!: string;
  @Field(() => Int, { description: '1 minute to 7 days' }) durationMinutes!: number;
  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' }) timeZone!: string;
}

@InputType('BlackoutWindowInput', { registerIn })
export class BlackoutWindowInput {
  @Field() name!: string;
  @Field({ description: 'Mandatory: shown on every change it refuses' }) @InputText('document') reason!: string;
  @Field(() => [String], { defaultValue: [], description: 'Service CIs it freezes; empty: every change' }) serviceIds!: string[];
  @Field() start!: Date;
  @Field({ description: 'After start' }) end!: Date;
}
