import { hasRole } from '@itsm/platform/auth';
import type { Principal } from '@itsm/platform/auth';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain/catalogue.errors';
import type { FulfilmentTaskRecord, ServiceRequest } from '../domain/request';
import { RequestDirectory } from './request-directory.service';

/** Who sees the whole request: its requester, the person it is for, catalogue admins; approvers of its items and its internal fulfillers. */
export type RequestRelation = 'requester' | 'admin' | 'approver' | 'fulfiller';

/**
 * Who may see and act on requests and their tasks. A requester sees the requests they ordered or
 * that are for them; an approver the requests they are asked about; a fulfiller (a member of a
 * task's group) works its groups' tasks and sees their requests; a supplier agent works only the
 * tasks of its organisation's groups, and never sees the request (only the task and its variables).
 */
@Injectable()
export class RequestAccess {
  constructor(private readonly directory: RequestDirectory) {}

  static isAdmin(viewer: Principal): boolean {
    return hasRole(viewer, 'catalogue-admin', 'admin');
  }

  static isSupplier(viewer: Principal): boolean {
    return hasRole(viewer, 'supplier-agent');
  }

  /** How the viewer relates to the whole request, or null (then they see at most their tasks). */
  async relation(viewer: Principal, request: ServiceRequest): Promise<RequestRelation | null> {
    if (RequestAccess.isSupplier(viewer)) return null;
    if (request.requestedById === viewer.userId || request.requestedForId === viewer.userId) return 'requester';
    if (RequestAccess.isAdmin(viewer)) return 'admin';
    if (request.items.some((i) => i.approval?.levels.some((l) => l.approverIds.includes(viewer.userId)))) return 'approver';
    const groups = await this.groupIds(viewer);
    return request.items.some((i) => i.tasks.some((t) => groups.has(t.groupId))) ? 'fulfiller' : null;
  }

  async assertSees(viewer: Principal, request: ServiceRequest): Promise<RequestRelation> {
    const relation = await this.relation(viewer, request);
    if (relation === null) throw notFound(request.id);
    return relation;
  }

  /** Whether the viewer works the task: a member of its group, a supplier agent only for its own organisation's groups. */
  async works(viewer: Principal, task: FulfilmentTaskRecord): Promise<boolean> {
    if (RequestAccess.isSupplier(viewer) && (viewer.orgId === undefined || task.supplierOrgId !== viewer.orgId)) return false;
    return (await this.groupIds(viewer)).has(task.groupId);
  }

  async assertWorks(viewer: Principal, task: FulfilmentTaskRecord): Promise<void> {
    if (!(await this.works(viewer, task))) throw catalogueError(CatalogueErrorCode.Forbidden, `${viewer.userId} is not in the group of task ${task.number}.`, { taskId: task.id, groupId: task.groupId });
  }

  /** Only who ordered it, or the person it is for, may cancel it. */
  assertRequester(viewer: Principal, request: ServiceRequest): void {
    if (request.requestedById !== viewer.userId && request.requestedForId !== viewer.userId) {
      throw catalogueError(CatalogueErrorCode.Forbidden, `Only who ordered request ${request.number} or the person it is for may cancel it.`, { requestId: request.id });
    }
  }

  /** The groups a viewer works in (a supplier agent's only those of its organisation). */
  async groupIds(viewer: Principal): Promise<ReadonlySet<string>> {
    const groups = await this.directory.groupsOf(viewer.userId);
    return new Set(groups.filter((g) => !RequestAccess.isSupplier(viewer) || (viewer.orgId !== undefined && g.orgId === viewer.orgId)).map((g) => g.id));
  }
}

/** A request the viewer may not see is not found for them (its existence is not told). */
export function notFound(requestId: string) {
  return catalogueError(CatalogueErrorCode.NotFound, `No request ${requestId}.`, { requestId });
}
