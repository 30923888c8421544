import { Field, InputType, Int } from '@nestjs/graphql';
import type { AgreementKind, ClockScope, SlaTarget, TicketType, TimeZoneSource, Weekday } from '../domain';
import { SlaSchema } from './sla.schema-marker';
import { AgreementKindGql, ClockScopeGql, SlaTargetGql, TicketTypeGql, TimeZoneSourceGql, WeekdayGql } from './sla.types';

const registerIn = SlaSchema;

@InputType('TimeIntervalInput', { registerIn })
export class TimeIntervalInput {
  @Field({ description: 'HH:MM local time' }) start!: string;
  @Field({ description: 'HH:MM local time; 24:00 is the next midnight' }) end!: string;
}

@InputType('WorkingDayInput', { registerIn })
export class WorkingDayInput {
  @Field(() => WeekdayGql) day!: Weekday;
  @Field(() => [TimeIntervalInput]) intervals!: TimeIntervalInput[];
}

@InputType('HolidayInput', { registerIn })
export class HolidayInput {
  @Field({ description: 'YYYY-MM-DD, local to the clock\'s time zone' }) date!: string;
  @Field() name!: string;
}

@InputType('BusinessCalendarInput', { registerIn })
export class BusinessCalendarInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [WorkingDayInput]) week!: WorkingDayInput[];
  @Field(() => [HolidayInput], { defaultValue: [] }) holidays!: HolidayInput[];
}

@InputType('SlaApplicabilityInput', { registerIn, description: 'Empty lists match every ticket' })
export class ApplicabilityInput {
  @Field(() => [Int], { defaultValue: [] }) priorities!: number[];
  @Field(() => [String], { defaultValue: [] }) serviceIds!: string[];
  @Field(() => [String], { defaultValue: [] }) customerOrgIds!: string[];
  @Field(() => [String], { defaultValue: [] }) supplierOrgIds!: string[];
  @Field(() => [String], { defaultValue: [] }) assignmentGroupIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Service offerings (requested items and tasks)' }) offeringIds!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Catalogue items (requested items and tasks)' }) catalogItemIds!: string[];
}

@InputType('ClockConditionsInput', { registerIn })
export class ConditionsInput {
  @Field(() => [String]) start!: string[];
  @Field(() => [String], { defaultValue: [] }) pause!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Empty: any state outside pause, stop and cancel resumes' }) resume!: string[];
  @Field(() => [String], { defaultValue: [] }) stop!: string[];
  @Field(() => [String], { defaultValue: [] }) cancel!: string[];
  @Field(() => [String], { defaultValue: [] }) reset!: string[];
}

@InputType('SlaDefinitionInput', { registerIn })
export class SlaDefinitionInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKind;
  @Field(() => TicketTypeGql, { defaultValue: TicketTypeGql.incident, description: 'The tickets it times; its conditions name that type\'s states' }) ticketType!: TicketType;
  @Field(() => SlaTargetGql) target!: SlaTarget;
  @Field(() => ClockScopeGql, { defaultValue: ClockScopeGql.ticket }) scope!: ClockScope;
  @Field(() => Int, { description: 'Business minutes allowed' }) targetMinutes!: number;
  @Field(() => ApplicabilityInput) appliesTo!: ApplicabilityInput;
  @Field(() => ConditionsInput) conditions!: ConditionsInput;
  @Field(() => [Int], { defaultValue: [50, 75] }) warningThresholds!: number[];
  @Field() calendarId!: string;
  @Field({ description: 'IANA zone; also the fallback when the caller or CI has none' }) timeZone!: string;
  @Field(() => TimeZoneSourceGql, { defaultValue: TimeZoneSourceGql.definition }) timeZoneSource!: TimeZoneSource;
  @Field({ defaultValue: true }) active!: boolean;
}
