import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { RequestState } from '../domain/fulfilment';
import type { RequestComment, RequestedItem } from '../domain/request';

/** One service request (REQ) with its items (RITM), their approvals and tasks (TASK), and comments. */
export interface ServiceRequestDocument {
  id: string;
  number: string;
  seq: number;
  state: RequestState;
  requestedById: string;
  requestedForId: string;
  organisationId: string | null;
  /** As the domain keeps them (approval processes, fulfilment states and task records inside). */
  items: RequestedItem[];
  comments: RequestComment[];
  createdAt: Date;
  updatedAt: Date;
  /** Derived for the indexes: the items' ids and catalogue items, the tasks' ids and groups, the undecided approvers. */
  itemIds: string[];
  catalogItemIds: string[];
  taskIds: string[];
  taskGroupIds: string[];
  /** `groupId:state` of every task: the task list's group-and-state filter. */
  taskGroupStates: string[];
  awaitingApproverIds: string[];
  /** How many events the request's stream holds: the next event's sequence follows it. */
  streamPosition: number;
}

export const serviceRequestSchema = new Schema<ServiceRequestDocument>(
  {
    id: { type: String, required: true },
    number: { type: String, required: true },
    seq: { type: Number, required: true },
    state: { type: String, required: true },
    requestedById: { type: String, required: true },
    requestedForId: { type: String, required: true },
    organisationId: { type: String, default: null },
    items: { type: Schema.Types.Mixed, default: [] },
    comments: { type: Schema.Types.Mixed, default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    itemIds: { type: [String], default: [] },
    catalogItemIds: { type: [String], default: [] },
    taskIds: { type: [String], default: [] },
    taskGroupIds: { type: [String], default: [] },
    taskGroupStates: { type: [String], default: [] },
    awaitingApproverIds: { type: [String], default: [] },
    streamPosition: { type: Number, required: true },
  },
  { collection: 'service_requests', id: false },
);
serviceRequestSchema.plugin(aggregateDocumentPlugin);
// Newest number first, alone and after each list filter's equality; look-ups by item and task id.
serviceRequestSchema.index({ seq: -1 });
serviceRequestSchema.index({ number: 1 }, { unique: true });
for (const field of ['state', 'requestedById', 'requestedForId', 'catalogItemIds', 'taskGroupIds', 'taskGroupStates', 'awaitingApproverIds']) {
  serviceRequestSchema.index({ [field]: 1, seq: -1 });
}
serviceRequestSchema.index({ requestedById: 1, state: 1, seq: -1 });
serviceRequestSchema.index({ requestedForId: 1, state: 1, seq: -1 });
serviceRequestSchema.index({ itemIds: 1 });
serviceRequestSchema.index({ taskIds: 1 });
