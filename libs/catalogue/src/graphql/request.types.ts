import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ITEM_STATES, REQUEST_STATES, TASK_STATES } from '../domain/fulfilment';
import type { ItemState, RequestState, TaskState } from '../domain/fulfilment';
import type { CommentVisibility } from '../domain/request';
import { CatalogueSchema } from './catalogue.schema-marker';

const registerIn = CatalogueSchema;

// ServiceRequest, RequestedItem, FulfilmentTask and FulfilmentTaskView are entities: the SLA subgraph adds their clocks (`slas`).

export const RequestStateGql = registerDomainEnum(REQUEST_STATES, { name: 'RequestState', registerIn });
export const RequestedItemStateGql = registerDomainEnum(ITEM_STATES, { name: 'RequestedItemState', registerIn });
export const FulfilmentTaskStateGql = registerDomainEnum(TASK_STATES, { name: 'FulfilmentTaskState', registerIn });
export const CommentVisibilityGql = registerDomainEnum(['public', 'internal'] as const, { name: 'RequestCommentVisibility', registerIn });
export const ApprovalVerdictGql = registerDomainEnum(['approved', 'rejected'] as const, { name: 'RequestApprovalVerdict', registerIn });
export const TaskActionGql = registerDomainEnum(['start', 'complete', 'fail', 'skip'] as const, { name: 'FulfilmentTaskAction', registerIn });

@ObjectType('RequestApprovalDecision', { registerIn })
export class RequestApprovalDecisionGql {
  @Field(() => ID) approverId!: string;
  @Field(() => ID, { nullable: true }) onBehalfOf!: string | null;
  @Field(() => ApprovalVerdictGql) decision!: 'approved' | 'rejected';
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field() at!: Date;
}

@ObjectType('RequestApprovalLevel', { registerIn })
export class RequestApprovalLevelGql {
  @Field(() => Int) index!: number;
  @Field() name!: string;
  @Field({ description: 'waiting, pending, approved, rejected, skipped or canceled' }) status!: string;
  @Field() mandatory!: boolean;
  @Field(() => [ID]) approverIds!: string[];
  @Field(() => [RequestApprovalDecisionGql]) decisions!: RequestApprovalDecisionGql[];
}

@ObjectType('RequestApproval', { registerIn })
export class RequestApprovalGql {
  @Field({ description: 'pending, approved, rejected or canceled' }) outcome!: string;
  @Field(() => [RequestApprovalLevelGql]) levels!: RequestApprovalLevelGql[];
}

@ObjectType('FulfilmentTask', { registerIn })
@Directive('@key(fields: "id")')
export class FulfilmentTaskGql {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field() key!: string;
  @Field() name!: string;
  @Field(() => FulfilmentTaskStateGql) state!: TaskState;
  @Field(() => ID) groupId!: string;
  @Field(() => ID, { nullable: true, description: 'The supplier organisation of the group, when it is one' }) supplierOrgId!: string | null;
  @Field(() => ID, { nullable: true }) assigneeId!: string | null;
}

@ObjectType('RequestedItem', { registerIn })
@Directive('@key(fields: "id")')
export class RequestedItemGql {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field(() => RequestedItemStateGql) state!: ItemState;
  @Field(() => ID) catalogItemId!: string;
  @Field(() => Int, { description: 'The item version it was ordered under' }) catalogItemVersion!: number;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) serviceId!: string | null;
  @Field(() => ID, { nullable: true }) offeringId!: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'The catalogue bundle it was ordered through' }) bundleId!: string | null;
  @Field({ description: 'The form values as JSON (an object of name: value)' }) variables!: string;
  @Field(() => RequestApprovalGql, { nullable: true }) approval!: RequestApprovalGql | null;
  @Field(() => [FulfilmentTaskGql]) tasks!: FulfilmentTaskGql[];
}

@ObjectType('RequestComment', { registerIn })
export class RequestCommentGql {
  @Field(() => ID) id!: string;
  @Field(() => CommentVisibilityGql) visibility!: CommentVisibility;
  @Field(() => ID, { nullable: true }) requestedItemId!: string | null;
  @Field(() => ID, { nullable: true }) taskId!: string | null;
  @Field() text!: string;
  @Field(() => ID) by!: string;
  @Field() at!: Date;
}

@ObjectType('ServiceRequest', { registerIn })
@Directive('@key(fields: "id")')
export class ServiceRequestGql {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field(() => RequestStateGql) state!: RequestState;
  @Field(() => ID) requestedById!: string;
  @Field(() => ID) requestedForId!: string;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => [RequestedItemGql]) items!: RequestedItemGql[];
  @Field(() => [RequestCommentGql], { description: "The requester's copy holds public comments only" }) comments!: RequestCommentGql[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('FulfilmentTaskView', { registerIn, description: 'A task as its fulfillers see it: only the variables the task needs' })
@Directive('@key(fields: "id")')
export class FulfilmentTaskViewGql extends FulfilmentTaskGql {
  @Field(() => ID) requestId!: string;
  @Field() requestNumber!: string;
  @Field(() => ID) requestedItemId!: string;
  @Field() requestedItemNumber!: string;
  @Field() itemName!: string;
  @Field(() => Int) quantity!: number;
  @Field({ description: "The task's variables as JSON" }) variables!: string;
}

@ObjectType('RequestApprovalToDecide', { registerIn, description: 'A requested item awaiting the caller, and the levels they may decide' })
export class RequestApprovalToDecideGql {
  @Field(() => ID) requestId!: string;
  @Field() requestNumber!: string;
  @Field(() => ID) requestedForId!: string;
  @Field(() => RequestedItemGql) item!: RequestedItemGql;
  @Field(() => [RequestApprovalLevelGql]) levels!: RequestApprovalLevelGql[];
}

export const ServiceRequestConnectionGql = Connection(ServiceRequestGql, { name: 'ServiceRequestConnection', registerIn });
export const FulfilmentTaskViewConnectionGql = Connection(FulfilmentTaskViewGql, { name: 'FulfilmentTaskViewConnection', registerIn });
export const RequestApprovalToDecideConnectionGql = Connection(RequestApprovalToDecideGql, { name: 'RequestApprovalToDecideConnection', registerIn });
