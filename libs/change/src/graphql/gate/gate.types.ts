import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GATE_REASONS } from '../../domain';
import type { GateReason } from '../../domain';
import { ChangeSchema } from '../change.schema-marker';

const registerIn = ChangeSchema;

export const GateReasonGql = registerDomainEnum(GATE_REASONS, { name: 'GateReason', registerIn, description: 'Why the deployment gate allowed (inside_window) or denied' });

@ObjectType('PipelineToken', { registerIn, description: 'A deployment pipeline allowed to ask the gate with its own bearer token (only its hash is kept)' })
export class PipelineTokenGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() createdBy!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('IssuedPipelineToken', { registerIn, description: 'A new pipeline token: shown this once, only its hash is kept' })
export class IssuedPipelineTokenGql {
  @Field(() => PipelineTokenGql) pipelineToken!: PipelineTokenGql;
  @Field({ description: 'The bearer token for POST /change/v1/gate (itsm_gate_...)' }) token!: string;
}

@ObjectType('GateAnswer', { registerIn, description: 'One answer of the deployment gate to a pipeline' })
export class GateAnswerGql {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  @Field(() => ID) tokenId!: string;
  @Field() pipeline!: string;
  @Field(() => ID, { description: 'The CI asked about (resolved from service and environment when those were given)' }) ciId!: string;
  @Field(() => ID, { nullable: true, description: 'The application service the pipeline named instead of a CI' }) serviceId!: string | null;
  @Field(() => String, { nullable: true }) environment!: string | null;
  @Field(() => String, { nullable: true, description: 'The change the pipeline named, as it wrote it' }) requestedChange!: string | null;
  @Field() allowed!: boolean;
  @Field(() => GateReasonGql) reason!: GateReason;
  @Field() message!: string;
  @Field(() => ID, { nullable: true, description: 'The change the answer is about (and is logged on)' }) changeId!: string | null;
  @Field(() => String, { nullable: true }) changeNumber!: string | null;
  @Field(() => Date, { nullable: true }) windowStart!: Date | null;
  @Field(() => Date, { nullable: true }) windowEnd!: Date | null;
}

export const GateAnswerConnectionGql = Connection(GateAnswerGql, { name: 'GateAnswer', registerIn });
