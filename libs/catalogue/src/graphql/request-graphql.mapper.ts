import type { ApprovalLevel, ApprovalProcess } from '@itsm/approval';
import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import type { Page } from '../application/queries/request-reads.service';
import type { ApprovalView, RequestView, TaskView } from '../application/queries/request-reads.service';
import { CatalogueErrorCode, catalogueError } from '../domain/catalogue.errors';
import { itemFacts, taskFacts } from '../domain/request';
import type { FulfilmentTaskRecord, RequestedItem } from '../domain/request';
import type { OrderLine } from '../application/commands/order-catalog-items/order-catalog-items.command';
import type { OrderLineInput } from './request.inputs';
import type { FulfilmentTaskGql, FulfilmentTaskViewGql, RequestApprovalGql, RequestApprovalLevelGql, RequestApprovalToDecideGql, RequestedItemGql, ServiceRequestGql } from './request.types';

/** Form values from the API: a JSON object, else CATALOGUE.INVALID_INPUT naming the line's variables. */
export function parseVariables(text: string, line: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw catalogueError(CatalogueErrorCode.InvalidInput, `Line ${line}: the variables are not JSON.`, { field: 'variables', line });
  }
}

/** A cart line from the API: an item or a bundle (exactly one), else CATALOGUE.INVALID_INPUT naming the line. */
export function orderLineOf(input: OrderLineInput, line: number): OrderLine {
  const variables = parseVariables(input.variables, line);
  const itemId = input.itemId ?? null;
  const bundleId = input.bundleId ?? null;
  if (itemId !== null && bundleId === null) return { itemId, quantity: input.quantity, variables };
  if (bundleId !== null && itemId === null) return { bundleId, quantity: input.quantity, variables };
  throw catalogueError(CatalogueErrorCode.InvalidInput, `Line ${line}: name exactly one of itemId and bundleId.`, { field: 'itemId', line });
}

/** `first`/`after` of a request-ordered list (the cursor holds the last request's number). */
export function requestPage(namespace: string, args: { readonly first: number; readonly after?: string | null }, maxFirst: number) {
  return pageRequest(args, {
    cursor: namespace,
    maxFirst,
    parseKey: (key) => (/^[0-9]{1,12}$/.test(key) ? Number(key) : undefined),
    invalid: (field, message) => catalogueError(CatalogueErrorCode.InvalidInput, message, { field }),
  });
}

/** The connection page of a reads page: every node's cursor is its request's (the store pages by request). */
export function cursorPage<T>(namespace: string, page: Page<T>, seqOf: (item: T) => number) {
  return { page: { items: page.items, hasNextPage: page.hasNextPage }, cursorOf: (item: T) => encodeCursor(namespace, seqOf(item)) };
}

function levelGql(level: ApprovalLevel): RequestApprovalLevelGql {
  return { index: level.index, name: level.name, status: level.status, mandatory: level.mandatory, approverIds: [...level.approverIds], decisions: level.decisions.map((d) => ({ ...d })) };
}

function approvalGql(process: ApprovalProcess): RequestApprovalGql {
  return { outcome: process.outcome, levels: process.levels.map(levelGql) };
}

function taskGql(item: RequestedItem, task: FulfilmentTaskRecord): FulfilmentTaskGql {
  const { taskId, groupOrgId, requestedItemId: _item, ...facts } = taskFacts(item, task);
  return { ...facts, id: taskId, supplierOrgId: groupOrgId };
}

export function toRequestedItemGql(item: RequestedItem): RequestedItemGql {
  const { requestedItemId, ...facts } = itemFacts(item);
  return {
    ...facts,
    id: requestedItemId,
    bundleId: item.bundleId,
    variables: JSON.stringify(item.variables),
    approval: item.approval === null ? null : approvalGql(item.approval),
    tasks: item.tasks.map((t) => taskGql(item, t)),
  };
}

export function toServiceRequestGql({ request }: RequestView): ServiceRequestGql {
  return {
    id: request.id,
    number: request.number,
    state: request.state,
    requestedById: request.requestedById,
    requestedForId: request.requestedForId,
    organisationId: request.organisationId,
    items: request.items.map(toRequestedItemGql),
    comments: request.comments.map((c) => ({ ...c })),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}

export function toTaskViewGql(view: TaskView): FulfilmentTaskViewGql {
  return {
    ...taskGql(view.item, view.task),
    requestId: view.requestId,
    requestNumber: view.requestNumber,
    requestedItemId: view.item.id,
    requestedItemNumber: view.item.number,
    itemName: view.item.name,
    quantity: view.item.quantity,
    variables: JSON.stringify(view.variables),
  };
}

export function toApprovalToDecideGql(view: ApprovalView): RequestApprovalToDecideGql {
  return { requestId: view.request.id, requestNumber: view.request.number, requestedForId: view.request.requestedForId, item: toRequestedItemGql(view.item), levels: view.levels.map(levelGql) };
}
