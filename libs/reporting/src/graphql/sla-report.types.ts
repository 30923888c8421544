import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AGREEMENT_KINDS, CLOCK_STATES, SLA_DIMENSIONS, SLA_TARGETS, SLA_TICKET_TYPES } from '../domain';
import type { AgreementKind, ClockState, SlaTarget, SlaTicketType } from '../domain';
import { ReportingSchema } from './reporting.schema-marker';

const registerIn = ReportingSchema;

export const SlaReportDimensionGql = registerDomainEnum(SLA_DIMENSIONS, {
  name: 'SlaReportDimension',
  registerIn,
  description: "What SLA compliance is grouped by: the clock's definition (id), kind (SLA/OLA/UC), ticket type, supplier (the organisation of the segment it measures, '' for none), target (response/resolution)",
});
export const SlaReportKindGql = registerDomainEnum(AGREEMENT_KINDS, { name: 'SlaReportKind', registerIn, description: 'SLA to the customer, OLA between internal teams, UC with a supplier' });
export const SlaReportTargetGql = registerDomainEnum(SLA_TARGETS, { name: 'SlaReportTarget', registerIn });
export const SlaReportTicketTypeGql = registerDomainEnum(SLA_TICKET_TYPES, { name: 'SlaReportTicketType', registerIn });
export const SlaClockStateGql = registerDomainEnum(CLOCK_STATES, { name: 'SlaReportClockState', registerIn });

@InputType('SlaReportFilterInput', { registerIn, description: 'Clocks matching every field given' })
export class SlaReportFilterInput {
  @Field(() => ID, { nullable: true }) definitionId?: string | null;
  @Field(() => SlaReportKindGql, { nullable: true }) kind?: AgreementKind | null;
  @Field(() => SlaReportTicketTypeGql, { nullable: true }) ticketType?: SlaTicketType | null;
  @Field(() => String, { nullable: true, description: "The segment's organisation ('' for clocks without one)" }) supplierOrgId?: string | null;
  @Field(() => SlaReportTargetGql, { nullable: true }) target?: SlaTarget | null;
}

@ObjectType('SlaComplianceRow', { registerIn, description: 'The clocks stopped in one period (and group), each counted once at its latest stop; canceled clocks count nowhere' })
export class SlaComplianceRowGql {
  @Field() period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => String, { nullable: true, description: "The group's value ('' for none); null when not grouped" }) group!: string | null;
  @Field(() => Int, { description: 'Stopped in the period within their target' }) met!: number;
  @Field(() => Int, { description: 'Stopped in the period having reached their breach threshold' }) breached!: number;
  @Field(() => Float, { nullable: true, description: 'met / (met + breached); null when none stopped' }) compliance!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean business time from start to stop (elapsed + paused business time), ms: filtered to incident resolution clocks, the business-time MTTR',
  })
  meanBusinessMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean business time used (paused time not counted), ms' }) meanElapsedMs!: number | null;
}

@ObjectType('SlaClockAlert', { registerIn, description: 'A running or paused clock breached or at risk (its latest warning at 75 % or more) now' })
export class SlaClockAlertGql {
  @Field(() => SlaReportTicketTypeGql) ticketType!: SlaTicketType;
  @Field(() => ID) ticketId!: string;
  @Field() ticketNumber!: string;
  @Field() clockId!: string;
  @Field(() => ID) definitionId!: string;
  @Field() definitionName!: string;
  @Field(() => SlaReportKindGql) kind!: AgreementKind;
  @Field(() => SlaReportTargetGql) target!: SlaTarget;
  @Field(() => String, { nullable: true }) segmentOrgId!: string | null;
  @Field(() => String, { nullable: true }) segmentGroupId!: string | null;
  @Field(() => SlaClockStateGql) state!: ClockState;
  @Field({ description: 'The breach instant in force (suspended while paused)' }) dueAt!: Date;
  @Field() breached!: boolean;
  @Field() atRisk!: boolean;
  @Field(() => Float, { nullable: true, description: 'dueAt - now, ms (negative once breached); null while paused' }) timeToBreachMs!: number | null;
  @Field(() => Int, { nullable: true, description: "The latest warning's threshold, percent of the target" }) warningPercent!: number | null;
  @Field(() => Float) elapsedMs!: number;
  @Field(() => Float) targetMs!: number;
}

@ObjectType('SlaDefinitionAlertCount', { registerIn })
export class SlaDefinitionCountGql {
  @Field(() => ID) definitionId!: string;
  @Field() definitionName!: string;
  @Field(() => Int) breached!: number;
  @Field(() => Int) atRisk!: number;
}

@ObjectType('SlaStatus', { registerIn, description: 'The clocks breached or at risk now, most urgent first, and their counts per definition' })
export class SlaStatusGql {
  @Field(() => [SlaClockAlertGql]) clocks!: SlaClockAlertGql[];
  @Field(() => [SlaDefinitionCountGql]) perDefinition!: SlaDefinitionCountGql[];
}
