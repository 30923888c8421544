import { SlaModule } from '../sla.module';
import { Field, InputType, Int } from '@nestjs/graphql';
import { AgreementKindGql, ClockScopeGql, SlaTargetGql, TimeZoneSourceGql, WeekdayGql } from './sla.types';

@InputType('TimeIntervalInput', { registerIn: () => SlaModule })
export class TimeIntervalInput {
  @Field({ description: 'HH:MM local time' }) start!: string;
  @Field({ description: 'HH:MM local time; 24:00 is the next midnight' }) end!: string;
}

@InputType('WorkingDayInput', { registerIn: () => SlaModule })
export class WorkingDayInput {
  @Field(() => WeekdayGql) day!: WeekdayGql;
  @Field(() => [TimeIntervalInput]) intervals!: TimeIntervalInput[];
}

@InputType('HolidayInput', { registerIn: () => SlaModule })
export class HolidayInput {
  @Field({ description: 'YYYY-MM-DD, local to the clock\'s time zone' }) date!: string;
  @Field() name!: string;
}

@InputType('BusinessCalendarInput', { registerIn: () => SlaModule })
export class BusinessCalendarInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [WorkingDayInput]) week!: WorkingDayInput[];
  @Field(() => [HolidayInput], { defaultValue: [] }) holidays!: HolidayInput[];
}

@InputType('SlaApplicabilityInput', { registerIn: () => SlaModule, description: 'Empty lists match every ticket' })
export class ApplicabilityInput {
  @Field(() => [Int], { defaultValue: [] }) priorities!: number[];
  @Field(() => [String], { defaultValue: [] }) serviceIds!: string[];
  @Field(() => [String], { defaultValue: [] }) customerOrgIds!: string[];
  @Field(() => [String], { defaultValue: [] }) supplierOrgIds!: string[];
  @Field(() => [String], { defaultValue: [] }) assignmentGroupIds!: string[];
}

@InputType('ClockConditionsInput', { registerIn: () => SlaModule })
export class ConditionsInput {
  @Field(() => [String]) start!: string[];
  @Field(() => [String], { defaultValue: [] }) pause!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Empty: any state outside pause, stop and cancel resumes' }) resume!: string[];
  @Field(() => [String], { defaultValue: [] }) stop!: string[];
  @Field(() => [String], { defaultValue: [] }) cancel!: string[];
  @Field(() => [String], { defaultValue: [] }) reset!: string[];
}

@InputType('SlaDefinitionInput', { registerIn: () => SlaModule })
export class SlaDefinitionInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKindGql;
  @Field(() => SlaTargetGql) target!: SlaTargetGql;
  @Field(() => ClockScopeGql, { defaultValue: ClockScopeGql.ticket }) scope!: ClockScopeGql;
  @Field(() => Int, { description: 'Business minutes allowed' }) targetMinutes!: number;
  @Field(() => ApplicabilityInput) appliesTo!: ApplicabilityInput;
  @Field(() => ConditionsInput) conditions!: ConditionsInput;
  @Field(() => [Int], { defaultValue: [50, 75] }) warningThresholds!: number[];
  @Field() calendarId!: string;
  @Field({ description: 'IANA zone; also the fallback when the caller or CI has none' }) timeZone!: string;
  @Field(() => TimeZoneSourceGql, { defaultValue: TimeZoneSourceGql.definition }) timeZoneSource!: TimeZoneSourceGql;
  @Field({ defaultValue: true }) active!: boolean;
}
