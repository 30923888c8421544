import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DIMENSIONS, PERIOD_GRAINS } from '../domain';
import type { Dimension, PeriodGrain, PeriodSpec } from '../domain';
import { ReportingSchema } from './reporting.schema-marker';
import { SlaComplianceRowGql } from './sla-report.types';

const registerIn = ReportingSchema;

export const ReportDimensionGql = registerDomainEnum(DIMENSIONS, {
  name: 'ReportDimension',
  registerIn,
  description: "What incident figures are grouped or filtered by, each incident's value now: priority, service, group (assignment group), supplier (the organisation holding it), customer (the caller's organisation)",
});
export const ReportGrainGql = registerDomainEnum(PERIOD_GRAINS, { name: 'ReportGrain', registerIn, description: 'Local days, ISO weeks (Monday first), calendar months, or the whole range as one period' });

@InputType('ReportPeriodInput', { registerIn })
export class ReportPeriodInput {
  @Field({ description: 'First local date, YYYY-MM-DD (inclusive)' }) from!: string;
  @Field({ description: 'Local date after the last one, YYYY-MM-DD (exclusive)' }) to!: string;
  @Field({ defaultValue: 'UTC', description: 'IANA time zone the dates and periods are in (Europe/Zurich)' }) timeZone!: string;
  @Field(() => ReportGrainGql, { defaultValue: 'month' }) grain!: PeriodGrain;
}

@InputType('ReportFilterInput', { registerIn })
export class ReportFilterInput {
  @Field(() => ReportDimensionGql) dimension!: Dimension;
  @Field({ description: "The dimension's value (a priority 1-5, an id); the empty string for none" }) value!: string;
}

/** A period input as the domain takes it (checked there: REPORTING.INVALID_PERIOD). */
export const toPeriodSpec = (period: ReportPeriodInput): PeriodSpec => ({ from: period.from, to: period.to, timeZone: period.timeZone, grain: period.grain });
/** A report row with its period's bounds as dates (GraphQL DateTime). */
export const datedRow = <R extends { periodStart: number; periodEnd: number }>(row: R): Omit<R, 'periodStart' | 'periodEnd'> & { periodStart: Date; periodEnd: Date } => ({
  ...row,
  periodStart: new Date(row.periodStart),
  periodEnd: new Date(row.periodEnd),
});
/** A filter input (any report's dimensions) as the domain takes it. */
export const toReportFilter = <D extends string>(filter: { dimension: D; value: string } | null | undefined): { dimension: D; value: string } | null =>
  filter ? { dimension: filter.dimension, value: filter.value } : null;

@ObjectType('IncidentReportRow', { registerIn, description: 'The incident figures of one period (and group): counts, means and rates' })
export class IncidentReportRowGql {
  @Field({ description: '2026-03-02, 2026-W10, 2026-03, or from/to for the whole range' }) period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => String, { nullable: true, description: "The group's value ('' for none); null when the report is not grouped" }) group!: string | null;
  @Field(() => Int, { description: 'Opened in the period' }) opened!: number;
  @Field(() => Int, { description: 'First acknowledged (work started, or assigned to a person by someone, not the system) in the period' }) acknowledged!: number;
  @Field(() => Int, { description: 'First resolved in the period' }) resolved!: number;
  @Field(() => Int) canceled!: number;
  @Field(() => Int, { description: 'First resolved in the period and reopened later' }) reopened!: number;
  @Field(() => Int, { description: 'First resolved in the period by their first group, not passed on before, never reopened' }) firstTimeFix!: number;
  @Field(() => Int, { description: 'Times an organisation (the supplier dimension) passed a ticket to another one in the period' }) handedOver!: number;
  @Field(() => Int, { description: "Organisations' holds of a ticket that ended in the period (handover, resolution or cancellation)" }) holdsEnded!: number;
  @Field(() => Float, { nullable: true, description: 'Their mean length, ms: how long the organisation (supplier dimension) kept a ticket' }) meanHoldMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean time to acknowledge of those acknowledged in the period, ms' }) mttaMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean time to resolve (opening to the first resolution, wall time) of those first resolved in the period, ms' }) mttrMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'reopened / resolved' }) reopenRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'firstTimeFix / resolved' }) firstTimeFixRate!: number | null;
}

@ObjectType('IncidentBacklogRow', { registerIn, description: 'The open incidents (new, in progress, on hold) of one group now, and their age' })
export class IncidentBacklogRowGql {
  @Field(() => String, { nullable: true }) group!: string | null;
  @Field(() => Int) open!: number;
  @Field(() => Float) oldestAgeMs!: number;
  @Field(() => Float) meanAgeMs!: number;
}

@ObjectType('ScorecardRejectionRow', { registerIn, description: 'The incidents an organisation rejected (sent back through the supplier exchange) in one period' })
export class ScorecardRejectionRowGql {
  @Field() period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => Int, { description: 'Rejections while it held the incident' }) rejected!: number;
}

@ObjectType('SupplierScorecard', { registerIn, description: "An organisation's performance on the incidents it held: per period, and its backlog now" })
export class SupplierScorecardGql {
  @Field(() => ID) orgId!: string;
  @Field(() => [IncidentReportRowGql]) periods!: IncidentReportRowGql[];
  @Field(() => IncidentBacklogRowGql, { nullable: true }) backlog!: IncidentBacklogRowGql | null;
  @Field(() => [SlaComplianceRowGql], { description: "Its underpinning contracts' compliance per period (UC clocks of segments it held)" }) ucCompliance!: SlaComplianceRowGql[];
  @Field(() => [ScorecardRejectionRowGql], { description: 'Incidents it rejected per period (its supplier connection sent them back)' }) rejections!: ScorecardRejectionRowGql[];
}
