import { IncidentModule } from '../incident.module';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum IncidentStateGql {
  new = 'new',
  in_progress = 'in_progress',
  on_hold = 'on_hold',
  resolved = 'resolved',
  closed = 'closed',
  canceled = 'canceled',
}
export enum HoldReasonGql {
  awaiting_caller = 'awaiting_caller',
  awaiting_change = 'awaiting_change',
  awaiting_problem = 'awaiting_problem',
  awaiting_vendor = 'awaiting_vendor',
}
export enum LinkKindGql {
  configuration_item = 'configuration_item',
  service = 'service',
  problem = 'problem',
  change = 'change',
}
export enum NoteKindGql {
  work_note = 'work_note',
  comment = 'comment',
}
export enum MajorStatusGql {
  none = 'none',
  proposed = 'proposed',
  promoted = 'promoted',
  declined = 'declined',
}
export enum ResolutionCauseGql {
  manual = 'manual',
  parent = 'parent',
  problem = 'problem',
}
registerEnumType(IncidentStateGql, { name: 'IncidentState' });
registerEnumType(HoldReasonGql, { name: 'HoldReason' });
registerEnumType(LinkKindGql, { name: 'LinkKind' });
registerEnumType(NoteKindGql, { name: 'NoteKind', description: 'work_note: internal staff only; comment: visible to the caller and the assigned supplier' });
registerEnumType(MajorStatusGql, { name: 'MajorIncidentStatus' });
registerEnumType(ResolutionCauseGql, { name: 'ResolutionCause' });

@ObjectType('IncidentNote', { registerIn: () => IncidentModule })
export class NoteGql {
  @Field(() => ID) id!: string;
  @Field(() => NoteKindGql) kind!: NoteKindGql;
  @Field() body!: string;
  @Field() authorId!: string;
  @Field() at!: Date;
}

@ObjectType('Resolution', { registerIn: () => IncidentModule })
export class ResolutionGql {
  @Field() code!: string;
  @Field() notes!: string;
  @Field() by!: string;
  @Field() at!: Date;
  @Field(() => ResolutionCauseGql) cause!: ResolutionCauseGql;
  @Field(() => String, { nullable: true }) causeId!: string | null;
}

// registerIn: in the all-in-one process other subgraphs declare their own `Incident` entity stub.
@ObjectType('Incident', { registerIn: () => IncidentModule })
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
  @Field(() => IncidentStateGql) state!: IncidentStateGql;
  @Field(() => HoldReasonGql, { nullable: true }) holdReason!: HoldReasonGql | null;
  @Field(() => String, { nullable: true }) assignmentGroupId!: string | null;
  @Field(() => String, { nullable: true }) assignedOrgId!: string | null;
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field(() => [String]) configurationItemIds!: string[];
  @Field(() => [String]) serviceIds!: string[];
  @Field(() => String, { nullable: true }) problemId!: string | null;
  @Field(() => String, { nullable: true }) causedByChangeId!: string | null;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field(() => MajorStatusGql) major!: MajorStatusGql;
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

@ObjectType('PageInfo', { registerIn: () => IncidentModule })
export class PageInfoGql {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('IncidentEdge', { registerIn: () => IncidentModule })
export class IncidentEdgeGql {
  @Field() cursor!: string;
  @Field(() => IncidentGql) node!: IncidentGql;
}

@ObjectType('IncidentConnection', { registerIn: () => IncidentModule })
export class IncidentConnectionGql {
  @Field(() => [IncidentEdgeGql]) edges!: IncidentEdgeGql[];
  @Field(() => PageInfoGql) pageInfo!: PageInfoGql;
}
