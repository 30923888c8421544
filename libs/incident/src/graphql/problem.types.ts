import { IncidentModule } from '../incident.module';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ProblemStateGql {
  new = 'new',
  assess = 'assess',
  root_cause_analysis = 'root_cause_analysis',
  fix_in_progress = 'fix_in_progress',
  resolved = 'resolved',
  closed = 'closed',
  canceled = 'canceled',
}
export enum ProblemStageGql {
  assess = 'assess',
  root_cause_analysis = 'root_cause_analysis',
  fix_in_progress = 'fix_in_progress',
}
registerEnumType(ProblemStateGql, { name: 'ProblemState' });
registerEnumType(ProblemStageGql, { name: 'ProblemStage', description: 'The states a problem advances through before resolution' });

@ObjectType('KnownError', { registerIn: () => IncidentModule })
export class KnownErrorGql {
  @Field() symptom!: string;
  @Field() rootCause!: string;
  @Field() workaround!: string;
  @Field() recordedBy!: string;
  @Field() recordedAt!: Date;
}

@ObjectType('Problem', { registerIn: () => IncidentModule })
@Directive('@key(fields: "id")')
export class ProblemGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'e.g. PRB0001000' }) number!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
  @Field(() => Int) priority!: number;
  @Field(() => ProblemStateGql) state!: ProblemStateGql;
  @Field(() => String, { nullable: true }) assignmentGroupId!: string | null;
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field(() => String, { nullable: true }) serviceId!: string | null;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => KnownErrorGql, { nullable: true, description: 'Set once symptom, root cause and workaround are recorded' }) knownError!: KnownErrorGql | null;
  @Field(() => String, { nullable: true }) resolutionNotes!: string | null;
  @Field(() => String, { nullable: true }) fixChangeId!: string | null;
  @Field() openedBy!: string;
  @Field() openedAt!: Date;
  @Field() updatedAt!: Date;
}

@InputType({ registerIn: () => IncidentModule })
export class OpenProblemInput {
  @Field() title!: string;
  @Field({ defaultValue: '' }) description!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
  @Field({ nullable: true }) assignmentGroupId?: string;
  @Field({ nullable: true }) serviceId?: string;
  @Field(() => [String], { nullable: true }) configurationItemIds?: string[];
}

@InputType({ registerIn: () => IncidentModule })
export class KnownErrorInput {
  @Field(() => ID) id!: string;
  @Field() symptom!: string;
  @Field() rootCause!: string;
  @Field() workaround!: string;
}

@InputType({ registerIn: () => IncidentModule })
export class ResolveProblemInput {
  @Field(() => ID) id!: string;
  @Field() notes!: string;
  @Field(() => String, { nullable: true }) fixChangeId?: string | null;
}

@InputType({ registerIn: () => IncidentModule })
export class AssignProblemInput {
  @Field(() => ID) id!: string;
  @Field() groupId!: string;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
}
