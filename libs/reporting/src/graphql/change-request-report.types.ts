import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CHANGE_DIMENSIONS, REQUEST_DIMENSIONS, TASK_DIMENSIONS } from '../domain';
import type { ChangeDimension, RequestDimension, TaskDimension } from '../domain';
import { ReportingSchema } from './reporting.schema-marker';

const registerIn = ReportingSchema;
const VALUE = "The dimension's value (an id, a model, a risk level); the empty string for none";

export const ChangeReportDimensionGql = registerDomainEnum(CHANGE_DIMENSIONS, {
  name: 'ChangeReportDimension',
  registerIn,
  description: "What change figures are grouped or filtered by, each change's value now: model, risk (assessed level), service (a change on two services counts under each), group (assignment group), supplier (its organisation)",
});
export const RequestReportDimensionGql = registerDomainEnum(REQUEST_DIMENSIONS, { name: 'RequestReportDimension', registerIn, description: "Requested items by catalogue item, service, or organisation (of the person it is for)" });
export const TaskReportDimensionGql = registerDomainEnum(TASK_DIMENSIONS, { name: 'TaskReportDimension', registerIn, description: "Fulfilment tasks by group (the fulfilment group that has it), supplier (the group's organisation), item (catalogue item)" });

@InputType('ChangeReportFilterInput', { registerIn })
export class ChangeReportFilterInput {
  @Field(() => ChangeReportDimensionGql) dimension!: ChangeDimension;
  @Field({ description: VALUE }) value!: string;
}

@InputType('RequestReportFilterInput', { registerIn })
export class RequestReportFilterInput {
  @Field(() => RequestReportDimensionGql) dimension!: RequestDimension;
  @Field({ description: VALUE }) value!: string;
}

@InputType('TaskReportFilterInput', { registerIn })
export class TaskReportFilterInput {
  @Field(() => TaskReportDimensionGql) dimension!: TaskDimension;
  @Field({ description: VALUE }) value!: string;
}

@ObjectType('ChangeReportRow', { registerIn, description: 'The change figures of one period (and group); each counted in the period of its instant' })
export class ChangeReportRowGql {
  @Field() period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => String, { nullable: true, description: "The group's value ('' for none); null when not grouped" }) group!: string | null;
  @Field(() => Int, { description: 'Requested (raised) in the period' }) requested!: number;
  @Field(() => Int, { description: 'Of those requested, emergency changes' }) emergency!: number;
  @Field(() => Float, { nullable: true, description: 'emergency / requested' }) emergencyShare!: number | null;
  @Field(() => Int, { description: 'Closed in the period (only from Review, after implementation, with a close code)' }) closed!: number;
  @Field(() => Int, { description: 'Closed in the period with close code successful' }) successful!: number;
  @Field(() => Int, { description: 'Closed in the period with close code successful_with_issues' }) successfulWithIssues!: number;
  @Field(() => Int, { description: 'Closed in the period with close code failed' }) failed!: number;
  @Field(() => Int, { description: 'Closed in the period with close code backed_out' }) backedOut!: number;
  @Field(() => Float, { nullable: true, description: '(successful + successfulWithIssues) / closed: of the changes closed in the period (all implemented), the share that succeeded' }) successRate!: number | null;
  @Field(() => Int, { description: 'Canceled in the period' }) canceled!: number;
  @Field(() => Int, { description: 'Of those closed in the period, the ones an incident (not canceled) is linked to as caused by them (incident link of kind change)' }) causingIncidents!: number;
  @Field(() => Int, { description: 'The incidents linked as caused by the changes closed in the period' }) causedIncidents!: number;
  @Field(() => Int, { nullable: true, description: 'Unauthorised changes detected in the period; null in a grouped or filtered report (a record has no model, service or group)' }) unauthorisedDetected!: number | null;
}

@ObjectType('RequestReportRow', { registerIn, description: 'The requested-item figures of one period (and group)' })
export class RequestReportRowGql {
  @Field() period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => String, { nullable: true }) group!: string | null;
  @Field(() => Int, { description: 'Items submitted in the period' }) submitted!: number;
  @Field(() => Int, { description: 'Items fulfilled (closed complete) in the period' }) fulfilled!: number;
  @Field(() => Float, { nullable: true, description: 'Their mean fulfilment time (submitted to fulfilled, wall time), ms' }) meanFulfilmentMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Their 90th percentile fulfilment time (nearest rank), ms' }) p90FulfilmentMs!: number | null;
  @Field(() => Int, { description: 'Items ended unfulfilled (closed incomplete, canceled, rejected) in the period' }) unfulfilled!: number;
  @Field(() => Int, { description: 'Approval levels decided (approved or rejected) in the period' }) approvalsDecided!: number;
  @Field(() => Int) approvalsRejected!: number;
  @Field(() => Float, { nullable: true, description: 'Their mean approval wait (the level asked to its outcome), ms' }) meanApprovalWaitMs!: number | null;
}

@ObjectType('TaskReportRow', { registerIn, description: 'The fulfilment-task figures of one period (and group): tasks counted in the period they closed' })
export class TaskReportRowGql {
  @Field() period!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => String, { nullable: true }) group!: string | null;
  @Field(() => Int, { description: 'Closed (complete, failed, skipped) or canceled in the period' }) closed!: number;
  @Field(() => Int, { description: 'Of those, closed complete' }) completed!: number;
  @Field(() => Float, { nullable: true, description: 'Mean task time (first workable to closed), ms' }) meanTaskMs!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile task time (nearest rank), ms' }) p90TaskMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean work time of those started (first in progress to closed), ms' }) meanWorkMs!: number | null;
}
