import type { Principal } from '@itsm/platform/auth';
import { CatalogueErrorCode } from '../../domain/catalogue.errors';
import type { RequestEvent, ServiceRequest } from '../../domain/request';
import { requestWorld } from '../test-fixtures/request-world';
import type { RequestWorld } from '../test-fixtures/request-world';
import { ActOnFulfilmentTaskCommand } from './act-on-fulfilment-task/act-on-fulfilment-task.command';
import { AddRequestCommentCommand } from './add-request-comment/add-request-comment.command';
import { AssignFulfilmentTaskCommand } from './assign-fulfilment-task/assign-fulfilment-task.command';
import { CancelRequestCommand } from './cancel-request/cancel-request.command';
import { DecideRequestApprovalCommand } from './decide-request-approval/decide-request-approval.command';
import { OrderCatalogItemsCommand } from './order-catalog-items/order-catalog-items.command';

const person = (userId: string, roles: Principal['roles'] = ['requester'], orgId = 'contoso'): Principal => ({ userId, name: userId, roles, orgId });
const REQUESTER = person('p-requester');
const FULFILLER = person('p-fulfiller', ['agent']);
const SUPPLIER = person('p-supplier', ['supplier-agent'], 'fabrikam');
const laptop = { itemId: 'laptop', quantity: 1, variables: { model: 'x1', dock: true, cost_centre: 'CC-1234', deliver_to: 'p-other' } };

function taskId(request: ServiceRequest, key: string): string {
  const id = request.items[0]?.tasks.find((t) => t.key === key)?.id;
  if (id === undefined) throw new Error(`no task ${key}`);
  return id;
}

const summary = (e: RequestEvent): string => {
  switch (e.type) {
    case 'itsm.request.task-state-changed.v1':
      return `${e.data.task.key}:${e.data.task.state}`;
    case 'itsm.request.item-state-changed.v1':
      return `${e.data.item.catalogItemId}:${e.data.item.state}`;
    case 'itsm.request.state-changed.v1':
      return `request:${e.data.state}`;
    case 'itsm.request.approval-requested.v1':
      return `asked:${e.data.levelName}`;
    case 'itsm.request.approval-decided.v1':
      return `decided:${e.data.approverId}`;
    case 'itsm.request.submitted.v1':
    case 'itsm.request.task-assigned.v1':
    case 'itsm.request.comment-added.v1':
      return e.type;
  }
};

describe('a request from approval to closure (decide, act, assign, cancel, comment, reads)', () => {
  let world: RequestWorld;
  let ordered: ServiceRequest;
  const ritm = () => ordered.items[0]?.id ?? '';

  beforeEach(async () => {
    world = await requestWorld();
    ordered = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([laptop, { itemId: 'mouse', quantity: 1, variables: {} }]));
  });

  it('acceptance: manager then quorum approval, two parallel tasks (one by the supplier) then one after both; item and request close, every event in order', async () => {
    expect((await world.reads.myApprovals(person('p-manager'), 10, undefined)).items.map((a) => [a.item.number, a.levels.map((l) => l.name)])).toEqual([['RITM0001000', ['Manager']]]);
    await expect(world.decide.execute(person('p-approver-1'), new DecideRequestApprovalCommand(ritm(), 'approved', null))).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    await world.decide.execute(person('p-manager'), new DecideRequestApprovalCommand(ritm(), 'approved', 'fine'));
    await world.decide.execute(person('p-approver-1'), new DecideRequestApprovalCommand(ritm(), 'approved', null));
    expect((await world.store.byId(ordered.id))?.items[0]?.fulfilment.state).toBe('awaiting_approval');
    await world.decide.execute(person('p-approver-3'), new DecideRequestApprovalCommand(ritm(), 'approved', null));
    expect((await world.reads.myApprovals(person('p-approver-2'), 10, undefined)).items).toEqual([]);

    const supplierTasks = await world.reads.tasks(SUPPLIER, {}, 10, undefined);
    expect(supplierTasks.items.map((t) => [t.task.key, t.state, t.variables])).toEqual([['image', 'open', { model: 'x1' }]]);
    await expect(world.act.execute(SUPPLIER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'order'), 'start'))).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    await expect(world.reads.task(SUPPLIER, taskId(ordered, 'order'))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound });
    await expect(world.reads.request(SUPPLIER, ordered.id)).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound });

    await world.act.execute(SUPPLIER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'image'), 'complete'));
    await world.act.execute(FULFILLER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'order'), 'start'));
    await expect(world.act.execute(FULFILLER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'hand-over'), 'start'))).rejects.toMatchObject({ code: CatalogueErrorCode.IllegalTransition });
    await world.act.execute(FULFILLER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'order'), 'complete'));
    expect((await world.reads.task(FULFILLER, taskId(ordered, 'hand-over'))).variables).toEqual({ deliver_to: 'p-other' });
    await world.act.execute(FULFILLER, new ActOnFulfilmentTaskCommand(taskId(ordered, 'hand-over'), 'complete'));
    const mouseTask = (await world.store.byId(ordered.id))?.items[1]?.tasks[0]?.id ?? '';
    const closed = await world.act.execute(FULFILLER, new ActOnFulfilmentTaskCommand(mouseTask, 'complete'));
    expect([closed.state, closed.items.map((i) => i.fulfilment.state)]).toEqual(['closed_complete', ['closed_complete', 'closed_complete']]);

    const events = world.store.events().map(summary);
    expect(events.slice(events.indexOf('asked:Manager'))).toEqual([
      'asked:Manager',
      'do:open',
      'mouse:approved',
      'decided:p-manager',
      'asked:Access approvers',
      'decided:p-approver-1',
      'decided:p-approver-3',
      'order:open',
      'image:open',
      'laptop:approved',
      'image:closed_complete',
      'laptop:in_fulfilment',
      'order:in_progress',
      'order:closed_complete',
      'hand-over:open',
      'hand-over:closed_complete',
      'laptop:closed_complete',
      'do:closed_complete',
      'mouse:closed_complete',
      'request:closed_complete',
    ]);
  });

  it('shows a request only to who ordered it or whom it is for, its approvers and fulfillers; a requester reads no work notes', async () => {
    await expect(world.reads.request(person('p-other'), ordered.id)).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound });
    expect((await world.reads.requests(person('p-other'), {}, 10, undefined)).items).toEqual([]);
    expect((await world.reads.requests(REQUESTER, {}, 10, undefined)).items.map((v) => v.request.number)).toEqual(['REQ0001000']);
    await world.comment.execute(FULFILLER, new AddRequestCommentCommand(ordered.id, 'internal', 'stock checked'));
    await world.comment.execute(FULFILLER, new AddRequestCommentCommand(ordered.id, 'public', 'on its way'));
    await expect(world.comment.execute(REQUESTER, new AddRequestCommentCommand(ordered.id, 'internal', 'sneaky'))).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    expect((await world.reads.request(REQUESTER, ordered.id)).request.comments.map((c) => c.text)).toEqual(['on its way']);
    expect((await world.reads.request(FULFILLER, ordered.id)).request.comments.map((c) => c.text)).toEqual(['stock checked', 'on its way']);
    await expect(world.comment.execute(SUPPLIER, new AddRequestCommentCommand(ordered.id, 'internal', 'not mine', null, (await world.store.byId(ordered.id))?.items[1]?.tasks[0]?.id ?? null))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound });
  });

  it('assigns a task only to an active member of its group', async () => {
    const mouseTask = ordered.items[1]?.tasks[0]?.id ?? '';
    await expect(world.assign.execute(FULFILLER, new AssignFulfilmentTaskCommand(mouseTask, 'p-supplier'))).rejects.toMatchObject({ code: CatalogueErrorCode.InvalidInput, details: { field: 'assigneeId', groupId: 'g-service-desk' } });
    const assigned = await world.assign.execute(FULFILLER, new AssignFulfilmentTaskCommand(mouseTask, 'p-fulfiller'));
    expect(assigned.items[1]?.tasks[0]?.assigneeId).toBe('p-fulfiller');
  });

  it('lets only the requester cancel, which cancels the pending approval and every open item, then the request', async () => {
    await expect(world.cancel.execute(FULFILLER, new CancelRequestCommand(ordered.id))).rejects.toMatchObject({ code: CatalogueErrorCode.Forbidden });
    const canceled = await world.cancel.execute(REQUESTER, new CancelRequestCommand(ordered.id, 'not needed'));
    expect([canceled.state, canceled.items.map((i) => i.fulfilment.state), canceled.items[0]?.approval?.outcome]).toEqual(['canceled', ['canceled', 'canceled'], 'canceled']);
    expect((await world.reads.myApprovals(person('p-manager'), 10, undefined)).items).toEqual([]);
  });
});
