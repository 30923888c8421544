import { Connection, InputText, registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PROBLEM_STAGES, PROBLEM_STATES } from '../domain';
import type { ProblemState } from '../domain';
import { IncidentSchema } from './incident.schema-marker';

const registerIn = IncidentSchema;

export const ProblemStateGql = registerDomainEnum(PROBLEM_STATES, { name: 'ProblemState', registerIn });
export const ProblemStageGql = registerDomainEnum(PROBLEM_STAGES, { name: 'ProblemStage', registerIn, description: 'The states a problem advances through before resolution' });

@ObjectType('KnownError', { registerIn })
export class KnownErrorGql {
  @Field() symptom!: string;
  @Field() rootCause!: string;
  @Field() workaround!: string;
  @Field() recordedBy!: string;
  @Field() recordedAt!: Date;
}

@ObjectType('Problem', { registerIn })
@Directive('@key(fields: "id")')
export class ProblemGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'e.g. PRB0001000' }) number!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
  @Field(() => Int) priority!: number;
  @Field(() => ProblemStateGql) state!: ProblemState;
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

export const ProblemConnectionGql = Connection(ProblemGql, { name: 'Problem', registerIn });

@InputType({ registerIn })
export class OpenProblemInput {
  @Field() title!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
  @Field({ nullable: true }) assignmentGroupId?: string;
  @Field({ nullable: true }) serviceId?: string;
  @Field(() => [String], { nullable: true }) configurationItemIds?: string[];
}

@InputType({ registerIn })
export class KnownErrorInput {
  @Field(() => ID) id!: string;
  @Field() @InputText('text') symptom!: string;
  @Field() @InputText('text') rootCause!: string;
  @Field() @InputText('text') workaround!: string;
}

@InputType({ registerIn })
export class ResolveProblemInput {
  @Field(() => ID) id!: string;
  @Field() @InputText('text') notes!: string;
  @Field(() => String, { nullable: true }) fixChangeId?: string | null;
}

@InputType({ registerIn })
export class AssignProblemInput {
  @Field(() => ID) id!: string;
  @Field() groupId!: string;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
}
