import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { HoldReason, IncidentState, LinkKind, MajorStatus, NoteKind } from '../domain';
import { IncidentSchema } from './incident.schema-marker';
import { HoldReasonGql, IncidentStateGql, LinkKindGql, MajorStatusGql, NoteKindGql } from './incident.types';

const registerIn = IncidentSchema;

@InputType({ registerIn })
export class OpenIncidentInput {
  @Field() title!: string;
  @Field({ defaultValue: '' }) @InputText('text') description!: string;
  @Field(() => Int, { description: '1 high .. 3 low' }) impact!: number;
  @Field(() => Int, { description: '1 high .. 3 low' }) urgency!: number;
  @Field({ nullable: true, description: 'Internal staff only: the caller the incident is opened for' }) callerId?: string;
  @Field({ nullable: true, description: 'Internal staff only' }) callerOrgId?: string;
  @Field({ nullable: true }) category?: string;
  @Field({ nullable: true, description: 'Service id (CMDB)' }) serviceId?: string;
  @Field(() => [String], { nullable: true, description: 'Configuration item ids (CMDB)' }) configurationItemIds?: string[];
  @Field({ nullable: true, description: 'Internal staff only' }) assignmentGroupId?: string;
  @Field({ nullable: true, description: 'Internal staff only; a member of the assignment group' }) assigneeId?: string;
}

@InputType({ registerIn })
export class IncidentFilter {
  @Field(() => [IncidentStateGql], { nullable: true }) states?: IncidentState[];
  @Field(() => [Int], { nullable: true }) priorities?: number[];
  @Field({ nullable: true }) assignmentGroupId?: string;
  @Field({ nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) callerId?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in title or description, or an exact number' }) text?: string;
  @Field({ nullable: true, description: 'Opened at or after' }) createdFrom?: Date;
  @Field({ nullable: true, description: 'Opened before' }) createdTo?: Date;
  @Field(() => MajorStatusGql, { nullable: true }) major?: MajorStatus;
}

@InputType({ registerIn })
export class AssignIncidentInput {
  @Field(() => ID) id!: string;
  @Field() groupId!: string;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
}

@InputType({ registerIn })
export class HoldIncidentInput {
  @Field(() => ID) id!: string;
  @Field(() => HoldReasonGql) reason!: HoldReason;
}

@InputType({ registerIn })
export class ResolveIncidentInput {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() @InputText('text') notes!: string;
}

@InputType({ registerIn })
export class ReasonInput {
  @Field(() => ID) id!: string;
  @Field() @InputText('text') reason!: string;
}

@InputType({ registerIn })
export class ImpactUrgencyInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
}

@InputType({ registerIn })
export class AddNoteInput {
  @Field(() => ID) id!: string;
  @Field(() => NoteKindGql) kind!: NoteKind;
  @Field() @InputText('text') body!: string;
}

@InputType({ registerIn })
export class LinkInput {
  @Field(() => ID) id!: string;
  @Field(() => LinkKindGql) kind!: LinkKind;
  @Field() targetId!: string;
}

@InputType({ registerIn })
export class SetParentInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'null detaches the incident from its parent' }) parentId?: string | null;
}

@InputType({ registerIn })
export class ProposeMajorInput {
  @Field(() => ID) id!: string;
  @Field(() => [String]) reasons!: string[];
}
