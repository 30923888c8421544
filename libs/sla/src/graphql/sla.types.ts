import { registerDomainEnum } from '@itsm/platform/graphql';
import type { Type } from '@nestjs/common';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AGREEMENT_KINDS, CANCEL_REASONS, CLOCK_CHANGE_KINDS, CLOCK_SCOPES, CLOCK_STAGES, SLA_TARGETS, TICKET_TYPES, TIME_ZONE_SOURCES, TIME_ZONE_SUBJECTS, WEEKDAYS } from '../domain';
import type { AgreementKind, CancelReason, ClockChangeKind, ClockScope, ClockStage, SlaTarget, TicketType, TimeZoneSource, Weekday } from '../domain';
import { SlaSchema } from './sla.schema-marker';

const registerIn = SlaSchema;

export const AgreementKindGql = registerDomainEnum(AGREEMENT_KINDS, { name: 'AgreementKind', registerIn, description: 'SLA to the customer, OLA between internal teams, UC (underpinning contract) with a supplier' });
export const SlaTargetGql = registerDomainEnum(SLA_TARGETS, { name: 'SlaTarget', registerIn });
export const ClockScopeGql = registerDomainEnum(CLOCK_SCOPES, { name: 'ClockScope', registerIn, description: 'ticket: end to end; *_segment: one clock per assignment segment' });
export const TimeZoneSourceGql = registerDomainEnum(TIME_ZONE_SOURCES, { name: 'TimeZoneSource', registerIn });
export const ClockStageGql = registerDomainEnum(CLOCK_STAGES, { name: 'ClockStage', registerIn });
export const CancelReasonGql = registerDomainEnum(CANCEL_REASONS, { name: 'ClockCancelReason', registerIn });
export const WeekdayGql = registerDomainEnum(WEEKDAYS, { name: 'Weekday', registerIn });
export const ClockChangeKindGql = registerDomainEnum(CLOCK_CHANGE_KINDS, { name: 'ClockChangeKind', registerIn });
export const TicketTypeGql = registerDomainEnum(TICKET_TYPES, { name: 'SlaTicketType', registerIn, description: 'incident, or a service request, requested item or fulfilment task' });
export const TimeZoneSubjectGql = registerDomainEnum(TIME_ZONE_SUBJECTS, { name: 'TimeZoneSubject', registerIn });

@ObjectType('ClockSegment', { registerIn })
export class ClockSegmentGql {
  @Field(() => Int) index!: number;
  @Field(() => String, { nullable: true }) orgId!: string | null;
  @Field(() => String, { nullable: true }) groupId!: string | null;
}

@ObjectType('ClockThreshold', { registerIn })
export class ClockThresholdGql {
  @Field(() => Int, { description: 'Percent of the target; 100 is the breach' }) percent!: number;
  @Field(() => Date, { nullable: true }) reachedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Projected, while the clock runs' }) dueAt!: Date | null;
}

@ObjectType('SlaClock', { registerIn, description: 'One clock of a ticket, derived from its event history at `asOf` (live)' })
export class SlaClockGql {
  @Field() clockId!: string;
  @Field() definitionId!: string;
  @Field() definitionName!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKind;
  @Field(() => SlaTargetGql) target!: SlaTarget;
  @Field(() => ClockScopeGql) scope!: ClockScope;
  @Field(() => ClockSegmentGql, { nullable: true }) segment!: ClockSegmentGql | null;
  @Field(() => ClockStageGql) stage!: ClockStage;
  @Field() running!: boolean;
  @Field() hasBreached!: boolean;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) stoppedAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => CancelReasonGql, { nullable: true }) cancelReason!: CancelReason | null;
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

/** Another subgraph's ticket entity, by its key, that this subgraph adds `slas` to. */
export interface TicketRefGql {
  readonly id: string;
}

function ticketRef(name: string): Type<TicketRefGql> {
  // registerIn: the owning subgraph's own type lives in the same process in the all-in-one mode.
  @ObjectType(name, { registerIn })
  @Directive('@key(fields: "id")')
  class TicketRef {
    @Field(() => ID) id!: string;
  }
  return TicketRef;
}

/** The incident service's Incident. */
export const IncidentRefGql = ticketRef('Incident');
/** The catalogue's request types; FulfilmentTaskView is a task as its fulfillers read it (the same clocks). */
export const ServiceRequestRefGql = ticketRef('ServiceRequest');
export const RequestedItemRefGql = ticketRef('RequestedItem');
export const FulfilmentTaskRefGql = ticketRef('FulfilmentTask');
export const FulfilmentTaskViewRefGql = ticketRef('FulfilmentTaskView');

@ObjectType('TimeInterval', { registerIn })
export class TimeIntervalGql {
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType('WorkingDay', { registerIn })
export class WorkingDayGql {
  @Field(() => WeekdayGql) day!: Weekday;
  @Field(() => [TimeIntervalGql]) intervals!: TimeIntervalGql[];
}

@ObjectType('Holiday', { registerIn })
export class HolidayGql {
  @Field() date!: string;
  @Field() name!: string;
}

@ObjectType('BusinessCalendar', { registerIn })
export class BusinessCalendarGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [WorkingDayGql]) week!: WorkingDayGql[];
  @Field(() => [HolidayGql]) holidays!: HolidayGql[];
  @Field(() => Int) version!: number;
  @Field() updatedBy!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('SlaApplicability', { registerIn })
export class ApplicabilityGql {
  @Field(() => [Int]) priorities!: number[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => [String]) customerOrgIds!: string[];
  @Field(() => [String]) supplierOrgIds!: string[];
  @Field(() => [String]) assignmentGroupIds!: string[];
  @Field(() => [String]) offeringIds!: string[];
  @Field(() => [String]) catalogItemIds!: string[];
}

@ObjectType('ClockConditions', { registerIn, description: 'Ticket states that start, pause, resume, stop, cancel or reset the clock' })
export class ConditionsGql {
  @Field(() => [String]) start!: string[];
  @Field(() => [String]) pause!: string[];
  @Field(() => [String]) resume!: string[];
  @Field(() => [String]) stop!: string[];
  @Field(() => [String]) cancel!: string[];
  @Field(() => [String]) reset!: string[];
}

@ObjectType('SlaDefinition', { registerIn })
export class SlaDefinitionGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AgreementKindGql) kind!: AgreementKind;
  @Field(() => TicketTypeGql) ticketType!: TicketType;
  @Field(() => SlaTargetGql) target!: SlaTarget;
  @Field(() => ClockScopeGql) scope!: ClockScope;
  @Field(() => Int) targetMinutes!: number;
  @Field(() => ApplicabilityGql) appliesTo!: ApplicabilityGql;
  @Field(() => ConditionsGql) conditions!: ConditionsGql;
  @Field(() => [Int]) warningThresholds!: number[];
  @Field() calendarId!: string;
  @Field() timeZone!: string;
  @Field(() => TimeZoneSourceGql) timeZoneSource!: TimeZoneSource;
  @Field() active!: boolean;
  @Field(() => Int) version!: number;
  @Field() updatedBy!: string;
  @Field() updatedAt!: Date;
}

@ObjectType('SkippedCalendarEvent', { registerIn })
export class SkippedEventGql {
  @Field(() => String, { nullable: true }) uid!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field() reason!: string;
}

@ObjectType('HolidayImport', { registerIn })
export class HolidayImportGql {
  @Field(() => BusinessCalendarGql) calendar!: BusinessCalendarGql;
  @Field(() => Int) imported!: number;
  @Field(() => [SkippedEventGql]) skipped!: SkippedEventGql[];
}

@ObjectType('ClockChange', { registerIn })
export class ClockChangeGql {
  @Field(() => ID) ticketId!: string;
  @Field() number!: string;
  @Field() definitionId!: string;
  @Field() clockId!: string;
  @Field(() => ClockChangeKindGql) change!: ClockChangeKind;
  @Field(() => SlaClockGql, { nullable: true }) before!: SlaClockGql | null;
  @Field(() => SlaClockGql, { nullable: true }) after!: SlaClockGql | null;
}

@ObjectType('SlaDryRun', { registerIn, description: 'What a proposed calendar or definition would do to open tickets (nothing is saved)' })
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
