import type { AggregateMapper } from '@itsm/platform/persistence';
import { awaitingApproverIds } from '../domain/request';
import type { RequestComment, RequestedItem, ServiceRequest } from '../domain/request';
import type { ServiceRequestDocument } from './service-request.schema';

const date = (value: Date | string): Date => new Date(value);

function itemOfDocument(item: RequestedItem): RequestedItem {
  const approval = item.approval;
  return {
    ...item,
    // Requests ordered before bundles existed have no field.
    bundleId: item.bundleId ?? null,
    approval:
      approval === null
        ? null
        : {
            ...approval,
            startedAt: date(approval.startedAt),
            closedAt: approval.closedAt === null ? null : date(approval.closedAt),
            autoApprovals: approval.autoApprovals.map((a) => ({ ...a, at: date(a.at) })),
            levels: approval.levels.map((l) => ({
              ...l,
              openedAt: l.openedAt === null ? null : date(l.openedAt),
              closedAt: l.closedAt === null ? null : date(l.closedAt),
              decisions: l.decisions.map((d) => ({ ...d, at: date(d.at) })),
            })),
          },
  };
}

export function serviceRequestOfDocument(d: ServiceRequestDocument): ServiceRequest {
  return {
    id: d.id,
    number: d.number,
    seq: d.seq,
    state: d.state,
    requestedById: d.requestedById,
    requestedForId: d.requestedForId,
    organisationId: d.organisationId ?? null,
    items: d.items.map(itemOfDocument),
    comments: d.comments.map((c: RequestComment) => ({ ...c, at: date(c.at) })),
    createdAt: date(d.createdAt),
    updatedAt: date(d.updatedAt),
  };
}

/** A request with its stream position: what one request document holds (besides outbox and inbox). */
export interface StoredRequest {
  readonly request: ServiceRequest;
  readonly streamPosition: number;
}

export function serviceRequestDocument({ request, streamPosition }: StoredRequest): ServiceRequestDocument {
  const tasks = request.items.flatMap((item) => item.tasks.map((task) => ({ task, state: item.fulfilment.tasks[task.key] ?? 'pending' })));
  return {
    id: request.id,
    number: request.number,
    seq: request.seq,
    state: request.state,
    requestedById: request.requestedById,
    requestedForId: request.requestedForId,
    organisationId: request.organisationId,
    items: [...request.items],
    comments: [...request.comments],
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    itemIds: request.items.map((i) => i.id),
    catalogItemIds: [...new Set(request.items.map((i) => i.catalogItemId))],
    taskIds: tasks.map((t) => t.task.id),
    taskGroupIds: [...new Set(tasks.map((t) => t.task.groupId))],
    taskGroupStates: [...new Set(tasks.map((t) => `${t.task.groupId}:${t.state}`))],
    awaitingApproverIds: awaitingApproverIds(request),
    streamPosition,
  };
}

export const serviceRequestMapper: AggregateMapper<StoredRequest, ServiceRequestDocument> = {
  toDocument: serviceRequestDocument,
  toDomain: (d) => ({ request: serviceRequestOfDocument(d), streamPosition: d.streamPosition }),
};
