import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IMPROVEMENT_METRICS, IMPROVEMENT_STATUSES, TARGET_DIRECTIONS } from '../domain';
import type { ImprovementMetric, ImprovementStatus, SlaDimension, TargetDirection } from '../domain';
import { ChangeReportFilterInput } from './change-request-report.types';
import { ReportFilterInput } from './reporting.types';
import { SlaReportDimensionGql } from './sla-report.types';
import { ReportingSchema } from './reporting.schema-marker';

const registerIn = ReportingSchema;

export const ImprovementStatusGql = registerDomainEnum(IMPROVEMENT_STATUSES, { name: 'ImprovementStatus', registerIn, description: 'proposed -> approved -> in_progress -> completed; or abandoned before it completes' });
export const ImprovementMetricGql = registerDomainEnum(IMPROVEMENT_METRICS, { name: 'ImprovementMetric', registerIn, description: 'The report figure an initiative is measured by: incident (opened ... firstTimeFixRate), SLA (slaCompliance, slaBreached) or change (changeSuccessRate, changesCausingIncidents, emergencyChangeShare)' });
export const TargetDirectionGql = registerDomainEnum(TARGET_DIRECTIONS, { name: 'TargetDirection', registerIn });

@InputType('SlaMeasureFilterInput', { registerIn, description: 'One dimension of SLA compliance and its value (a definition id, SLA/OLA/UC, a ticket type, a supplier organisation, response/resolution)' })
export class SlaMeasureFilterInput {
  @Field(() => SlaReportDimensionGql) dimension!: SlaDimension;
  @Field() value!: string;
}

@InputType('ImprovementMeasureInput', { registerIn })
export class ImprovementMeasureInput {
  @Field(() => ImprovementMetricGql) metric!: ImprovementMetric;
  @Field(() => Int, { description: 'The rolling window: the last N whole local days (1-366)' }) windowDays!: number;
  @Field({ defaultValue: 'UTC' }) timeZone!: string;
  @Field(() => ReportFilterInput, { nullable: true, description: 'For an incident metric' }) filter?: ReportFilterInput | null;
  @Field(() => SlaMeasureFilterInput, { nullable: true, description: 'For an SLA metric' }) slaFilter?: SlaMeasureFilterInput | null;
  @Field(() => ChangeReportFilterInput, { nullable: true, description: 'For a change metric' }) changeFilter?: ChangeReportFilterInput | null;
}

@InputType('ImprovementTargetInput', { registerIn })
export class ImprovementTargetInput {
  @Field(() => Float, { description: 'The value to reach (a rate as a fraction; a mean in ms)' }) value!: number;
  @Field(() => TargetDirectionGql) direction!: TargetDirection;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) due?: string | null;
}

@InputType('ProposeImprovementInput', { registerIn })
export class ProposeImprovementInput {
  @Field() title!: string;
  @Field({ defaultValue: '' }) description!: string;
  @Field(() => ID, { description: 'The person accountable' }) ownerId!: string;
  @Field(() => ImprovementMeasureInput) measure!: ImprovementMeasureInput;
  @Field(() => ImprovementTargetInput) target!: ImprovementTargetInput;
}

@ObjectType('ImprovementMeasureFilter', { registerIn })
export class ImprovementMeasureFilterGql {
  @Field() dimension!: string;
  @Field() value!: string;
}

@ObjectType('ImprovementMeasure', { registerIn })
export class ImprovementMeasureGql {
  @Field(() => ImprovementMetricGql) metric!: ImprovementMetric;
  @Field(() => Int) windowDays!: number;
  @Field() timeZone!: string;
  @Field(() => ImprovementMeasureFilterGql, { nullable: true }) filter!: ImprovementMeasureFilterGql | null;
}

@ObjectType('MeasuredValue', { registerIn, description: 'A measure\'s value over a window of local dates [from, to)' })
export class MeasuredValueGql {
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field() measuredAt!: Date;
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('ImprovementTarget', { registerIn })
export class ImprovementTargetGql {
  @Field(() => Float) value!: number;
  @Field(() => TargetDirectionGql) direction!: TargetDirection;
  @Field(() => String, { nullable: true }) due!: string | null;
}

@ObjectType('ImprovementStatusChange', { registerIn })
export class ImprovementStatusChangeGql {
  @Field(() => ImprovementStatusGql) status!: ImprovementStatus;
  @Field() by!: string;
  @Field() at!: Date;
}

@ObjectType('ImprovementInitiative', { registerIn, description: 'An entry of the continual improvement register: measured from the reports, baseline and now' })
export class ImprovementInitiativeGql {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => ID) ownerId!: string;
  @Field(() => ImprovementStatusGql) status!: ImprovementStatus;
  @Field(() => ImprovementMeasureGql) measure!: ImprovementMeasureGql;
  @Field(() => MeasuredValueGql, { description: 'The measure when the initiative was registered' }) baseline!: MeasuredValueGql;
  @Field(() => MeasuredValueGql, { description: 'The same measure now' }) current!: MeasuredValueGql;
  @Field(() => ImprovementTargetGql) target!: ImprovementTargetGql;
  @Field(() => Float, { nullable: true, description: '0 at the baseline, 1 at the target; null when a value is unknown' }) progress!: number | null;
  @Field() targetReached!: boolean;
  @Field(() => [ImprovementStatusChangeGql]) history!: ImprovementStatusChangeGql[];
  @Field() createdBy!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}
