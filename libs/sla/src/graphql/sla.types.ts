import { SlaModule } from '../sla.module';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AgreementKindGql {
  SLA = 'SLA',
  OLA = 'OLA',
  UC = 'UC',
}
export enum SlaTargetGql {
  response = 'response',
  resolution = 'resolution',
}
export enum ClockScopeGql {
  ticket = 'ticket',
  supplier_segment = 'supplier_segment',
  group_segment = 'group_segment',
}
export enum TimeZoneSourceGql {
  definition = 'definition',
  caller = 'caller',
  configuration_item = 'configuration_item',
}
export enum ClockStageGql {
  in_progress = 'in_progress',
  paused = 'paused',
  achieved = 'achieved',
  breached = 'breached',
  cancelled = 'cancelled',
}
export enum CancelReasonGql {
  ticket_canceled = 'ticket_canceled',
  no_longer_applies = 'no_longer_applies',
  reset = 'reset',
}
export enum WeekdayGql {
  mon = 'mon',
  tue = 'tue',
  wed = 'wed',
  thu = 'thu',
  fri = 'fri',
  sat = 'sat',
  sun = 'sun',
}
export enum ClockChangeKindGql {
  attached = 'attached',
  detached = 'detached',
  changed = 'changed',
}
export enum TimeZoneSubjectGql {
  user = 'user',
  configuration_item = 'configuration_item',
}
registerEnumType(AgreementKindGql, { name: 'AgreementKind', description: 'SLA to the customer, OLA between internal teams, UC (underpinning contract) with a supplier' });
registerEnumType(SlaTargetGql, { name: 'SlaTarget' });
registerEnumType(ClockScopeGql, { name: 'ClockScope', description: 'ticket: end to end; *_segment: one clock per assignment segment' });
registerEnumType(TimeZoneSourceGql, { name: 'TimeZoneSource' });
registerEnumType(ClockStageGql, { name: 'ClockStage' });
registerEnumType(CancelReasonGql, { name: 'ClockCancelReason' });
registerEnumType(WeekdayGql, { name: 'Weekday' });
registerEnumType(ClockChangeKindGql, { name: 'ClockChangeKind' });
registerEnumType(TimeZoneSubjectGql, { name: 'TimeZoneSubject' });

@ObjectType('ClockSegment', { registerIn: () => SlaModule })
export class ClockSegmentGql {
  @Field(() => Int) index!: number;
  @Field(() => String, { nullable: true }) orgId!: string | null;
  @Field(() => String, { nullable: true }) groupId!: string | null;
}

@ObjectType('ClockThreshold', { registerIn: () => SlaModule })
export class ClockThresholdGql {
  @Field(() => Int, { description: 'Percent of the target; 100 is the breach' }) percent!: number;
  @Field(() => Date, { nullable: true }) reachedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Projected, while the clock runs' }) dueAt!: Date | null;
}

@ObjectType('SlaClock', { registerIn: () => SlaModule, description: 'One clock of a ticket, derived from its event history at `asOf` (live)' })
export class SlaClockGql {
  @Field() clockId!: string;
  @Field() definitionId!: string;
  @Field() definitionName!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKindGql;
  @Field(() => SlaTargetGql) target!: SlaTargetGql;
  @Field(() => ClockScopeGql) scope!: ClockScopeGql;
  @Field(() => ClockSegmentGql, { nullable: true }) segment!: ClockSegmentGql | null;
  @Field(() => ClockStageGql) stage!: ClockStageGql;
  @Field() running!: boolean;
  @Field() hasBreached!: boolean;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) stoppedAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => CancelReasonGql, { nullable: true }) cancelReason!: CancelReasonGql | null;
  @Field(() => Float, { description: 'Business seconds the target allows' }) targetSeconds!: number;
  @Field(() => Float, { description: 'Business seconds consumed (pauses excluded)' }) elapsedSeconds!: number;
  @Field(() => Float) remainingSeconds!: number;
  @Field(() => Float, { description: 'Business seconds spent paused' }) pausedSeconds!: number;
  @Field(() => Float) elapsedPercent!: number;
  @Field(() => Date, { nullable: true }) breachAt!: Date | null;
  @Field() originalBreachAt!: Date;
  @Field(() => Date, { nullable: true }) breachedAt!: Date | null;
  @Field(() => [ClockThresholdGql]) thresholds!: ClockThresholdGql[];
  @Field() calendarId!: string;
  @Field() timeZone!: string;
  @Field() asOf!: Date;
}

// registerIn: the incident subgraph's own `Incident` type lives in the same process in the all-in-one mode.
@ObjectType('Incident', { registerIn: () => SlaModule })
@Directive('@key(fields: "id")')
export class IncidentSlaRef {
  @Field(() => ID) id!: string;
}

@ObjectType('TimeInterval', { registerIn: () => SlaModule })
export class TimeIntervalGql {
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType('WorkingDay', { registerIn: () => SlaModule })
export class WorkingDayGql {
  @Field(() => WeekdayGql) day!: WeekdayGql;
  @Field(() => [TimeIntervalGql]) intervals!: TimeIntervalGql[];
}

@ObjectType('Holiday', { registerIn: () => SlaModule })
export class HolidayGql {
  @Field() date!: string;
  @Field() name!: string;
}

@ObjectType('BusinessCalendar', { registerIn: () => SlaModule })
export class BusinessCalendarGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [WorkingDayGql]) week!: WorkingDayGql[];
  @Field(() => [HolidayGql]) holidays!: HolidayGql[];
  @Field(() => Int) version!: number;
  @Field() updatedBy!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('SlaApplicability', { registerIn: () => SlaModule })
export class ApplicabilityGql {
  @Field(() => [Int]) priorities!: number[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => [String]) customerOrgIds!: string[];
  @Field(() => [String]) supplierOrgIds!: string[];
  @Field(() => [String]) assignmentGroupIds!: string[];
}

@ObjectType('ClockConditions', { registerIn: () => SlaModule, description: 'Ticket states that start, pause, resume, stop, cancel or reset the clock' })
export class ConditionsGql {
  @Field(() => [String]) start!: string[];
  @Field(() => [String]) pause!: string[];
  @Field(() => [String]) resume!: string[];
  @Field(() => [String]) stop!: string[];
  @Field(() => [String]) cancel!: string[];
  @Field(() => [String]) reset!: string[];
}

@ObjectType('SlaDefinition', { registerIn: () => SlaModule })
export class SlaDefinitionGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKindGql;
  @Field() ticketType!: string;
  @Field(() => SlaTargetGql) target!: SlaTargetGql;
  @Field(() => ClockScopeGql) scope!: ClockScopeGql;
  @Field(() => Int) targetMinutes!: number;
  @Field(() => ApplicabilityGql) appliesTo!: ApplicabilityGql;
  @Field(() => ConditionsGql) conditions!: ConditionsGql;
  @Field(() => [Int]) warningThresholds!: number[];
  @Field() calendarId!: string;
  @Field() timeZone!: string;
  @Field(() => TimeZoneSourceGql) timeZoneSource!: TimeZoneSourceGql;
  @Field() active!: boolean;
  @Field(() => Int) version!: number;
  @Field() updatedBy!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('SkippedCalendarEvent', { registerIn: () => SlaModule })
export class SkippedEventGql {
  @Field(() => String, { nullable: true }) uid!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field() reason!: string;
}

@ObjectType('HolidayImport', { registerIn: () => SlaModule })
export class HolidayImportGql {
  @Field(() => BusinessCalendarGql) calendar!: BusinessCalendarGql;
  @Field(() => Int) imported!: number;
  @Field(() => [SkippedEventGql]) skipped!: SkippedEventGql[];
}

@ObjectType('ClockChange', { registerIn: () => SlaModule })
export class ClockChangeGql {
  @Field(() => ID) ticketId!: string;
  @Field() number!: string;
  @Field() definitionId!: string;
  @Field() clockId!: string;
  @Field(() => ClockChangeKindGql) change!: ClockChangeKindGql;
  @Field(() => SlaClockGql, { nullable: true }) before!: SlaClockGql | null;
  @Field(() => SlaClockGql, { nullable: true }) after!: SlaClockGql | null;
}

@ObjectType('SlaDryRun', { registerIn: () => SlaModule, description: 'What a proposed calendar or definition would do to open tickets (nothing is saved)' })
export class DryRunGql {
  @Field(() => Int) ticketsEvaluated!: number;
  @Field(() => Int) ticketsAffected!: number;
  @Field(() => Int) attached!: number;
  @Field(() => Int) detached!: number;
  @Field(() => Int) changed!: number;
  @Field(() => Int) newlyBreached!: number;
  @Field(() => Int) noLongerBreached!: number;
  @Field(() => [ClockChangeGql]) changes!: ClockChangeGql[];
}
