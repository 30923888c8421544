import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { HOLD_REASONS, INCIDENT_STATES, LINK_KINDS, MAJOR_STATUSES, NOTE_KINDS, RESOLUTION_CAUSES } from '../domain';
import type { HoldReason, IncidentState, MajorStatus, NoteKind, ResolutionCause } from '../domain';
import { IncidentSchema } from './incident.schema-marker';

const registerIn = IncidentSchema;

export const IncidentStateGql = registerDomainEnum(INCIDENT_STATES, { name: 'IncidentState', registerIn });
export const HoldReasonGql = registerDomainEnum(HOLD_REASONS, { name: 'HoldReason', registerIn });
export const LinkKindGql = registerDomainEnum(LINK_KINDS, { name: 'LinkKind', registerIn });
export const NoteKindGql = registerDomainEnum(NOTE_KINDS, { name: 'NoteKind', registerIn, description: 'work_note: internal staff only; comment: visible to the caller and the assigned supplier' });
export const MajorStatusGql = registerDomainEnum(MAJOR_STATUSES, { name: 'MajorIncidentStatus', registerIn });
export const ResolutionCauseGql = registerDomainEnum(RESOLUTION_CAUSES, { name: 'ResolutionCause', registerIn });

@ObjectType('IncidentNote', { registerIn })
export class NoteGql {
  @Field(() => ID) id!: string;
  @Field(() => NoteKindGql) kind!: NoteKind;
  @Field() body!: string;
  @Field() authorId!: string;
  @Field() at!: Date;
}

@ObjectType('Resolution', { registerIn })
export class ResolutionGql {
  @Field() code!: string;
  @Field() notes!: string;
  @Field() by!: string;
  @Field() at!: Date;
  @Field(() => ResolutionCauseGql) cause!: ResolutionCause;
  @Field(() => String, { nullable: true }) causeId!: string | null;
}

// registerIn: in the all-in-one process other subgraphs declare their own `Incident` entity stub.
@ObjectType('Incident', { registerIn })
@Directive('@key(fields: "id")')
export class IncidentGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Human-readable number, e.g. INC0001000' }) number!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field() callerId!: string;
  @Field(() => String, { nullable: true }) callerOrgId!: string | null;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => Int, { description: '1 high .. 3 low' }) impact!: number;
  @Field(() => Int, { description: '1 high .. 3 low' }) urgency!: number;
  @Field(() => Int, { description: 'P1 critical .. P5 planning, computed from impact x urgency' }) priority!: number;
  @Field(() => IncidentStateGql) state!: IncidentState;
  @Field(() => HoldReasonGql, { nullable: true }) holdReason!: HoldReason | null;
  @Field(() => String, { nullable: true }) assignmentGroupId!: string | null;
  @Field(() => String, { nullable: true }) assignedOrgId!: string | null;
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => String, { nullable: true }) problemId!: string | null;
  @Field(() => String, { nullable: true }) causedByChangeId!: string | null;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field(() => MajorStatusGql) major!: MajorStatus;
  @Field(() => [String]) majorReasons!: string[];
  @Field(() => ResolutionGql, { nullable: true }) resolution!: ResolutionGql | null;
  @Field(() => Int) reopenCount!: number;
  @Field(() => String, { nullable: true }) lastReopenedBy!: string | null;
  @Field(() => Date, { nullable: true }) lastReopenedAt!: Date | null;
  @Field(() => [NoteGql], { description: 'Work notes are listed for internal staff only' }) notes!: NoteGql[];
  @Field() openedBy!: string;
  @Field() openedAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int, { description: 'Number of events in this incident\'s stream (its version)' }) version!: number;
}

export const IncidentConnectionGql = Connection(IncidentGql, { name: 'Incident', registerIn });
