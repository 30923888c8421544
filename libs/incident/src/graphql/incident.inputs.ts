import { IncidentModule } from '../incident.module';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { HoldReasonGql, IncidentStateGql, LinkKindGql, MajorStatusGql, NoteKindGql } from './incident.types';

@InputType({ registerIn: () => IncidentModule })
export class OpenIncidentInput {
  @Field() title!: string;
  @Field({ defaultValue: '' }) description!: string;
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

@InputType({ registerIn: () => IncidentModule })
export class IncidentFilter {
  @Field(() => [IncidentStateGql], { nullable: true }) states?: IncidentStateGql[];
  @Field(() => [Int], { nullable: true }) priorities?: number[];
  @Field({ nullable: true }) assignmentGroupId?: string;
  @Field({ nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) callerId?: string;
  @Field({ nullable: true, description: 'Case-insensitive words in title or description, or an exact number' }) text?: string;
  @Field({ nullable: true, description: 'Opened at or after' }) createdFrom?: Date;
  @Field({ nullable: true, description: 'Opened before' }) createdTo?: Date;
  @Field(() => MajorStatusGql, { nullable: true }) major?: MajorStatusGql;
}

@InputType({ registerIn: () => IncidentModule })
export class AssignIncidentInput {
  @Field(() => ID) id!: string;
  @Field() groupId!: string;
  @Field(() => String, { nullable: true }) assigneeId?: string | null;
}

@InputType({ registerIn: () => IncidentModule })
export class HoldIncidentInput {
  @Field(() => ID) id!: string;
  @Field(() => HoldReasonGql) reason!: HoldReasonGql;
}

@InputType({ registerIn: () => IncidentModule })
export class ResolveIncidentInput {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() notes!: string;
}

@InputType({ registerIn: () => IncidentModule })
export class ReasonInput {
  @Field(() => ID) id!: string;
  @Field() reason!: string;
}

@InputType({ registerIn: () => IncidentModule })
export class ImpactUrgencyInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) impact!: number;
  @Field(() => Int) urgency!: number;
}

@InputType({ registerIn: () => IncidentModule })
export class AddNoteInput {
  @Field(() => ID) id!: string;
  @Field(() => NoteKindGql) kind!: NoteKindGql;
  @Field() body!: string;
}

@InputType({ registerIn: () => IncidentModule })
export class LinkInput {
  @Field(() => ID) id!: string;
  @Field(() => LinkKindGql) kind!: LinkKindGql;
  @Field() targetId!: string;
}

@InputType({ registerIn: () => IncidentModule })
export class SetParentInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'null detaches the incident from its parent' }) parentId?: string | null;
}

@InputType({ registerIn: () => IncidentModule })
export class ProposeMajorInput {
  @Field(() => ID) id!: string;
  @Field(() => [String]) reasons!: string[];
}
