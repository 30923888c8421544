import { planApproval, startApproval } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { requestTopic, TopicRegistry } from '@itsm/contracts';
import { CatalogueErrorCode } from '../catalogue.errors';
import { definePlan } from '../fulfilment';
import type { PlanTaskDraft } from '../fulfilment';
import { actOnRequestTask, addRequestComment, assignRequestTask, cancelRequest, decideItemApproval, submitRequest } from './request-moves';
import type { NewRequestedItem } from './request-moves';
import type { RequestDecision, RequestEvent, ServiceRequest } from './service-request';

const now = new Date('2030-04-01T08:00:00.000Z');
const later = new Date('2030-04-01T09:00:00.000Z');
const registry = new TopicRegistry([requestTopic]);
const task = (key: string, predecessors: string[] = []): PlanTaskDraft => ({ key, title: `Task ${key}`, groupId: `g-${key}`, variables: [], predecessors });
/** a and b in parallel, then c after both. */
const plan = definePlan({ tasks: [task('a'), task('b'), task('c', ['a', 'b'])] });

const managerThenQuorum: ApprovalPolicy = {
  id: 'pol-1',
  name: 'Manager then approvers',
  order: 1,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [
    { name: 'Manager', approvers: { groupIds: [], userIds: [], roles: ['requester-manager'] }, rule: { kind: 'first_response' }, mandatory: true },
    { name: 'Approvers', approvers: { groupIds: ['g-approvers'], userIds: [], roles: [] }, rule: { kind: 'quorum', percent: 50 }, mandatory: true },
  ],
};

function item(n: number, policies: readonly ApprovalPolicy[]): NewRequestedItem {
  const approvalPlan = planApproval(policies, {}, 'run_all');
  return {
    id: `ritm-${n}`,
    number: `RITM000100${n}`,
    catalogItemId: `item-${n}`,
    catalogItemVersion: 2,
    name: `Item ${n}`,
    serviceId: null,
    offeringId: null,
    bundleId: null,
    quantity: 1,
    variables: {},
    plan,
    tasks: plan.tasks.map((t, i) => ({ id: `task-${n}-${t.key}`, number: `TASK00${n}000${i}`, key: t.key, name: t.title, groupId: t.groupId, supplierOrgId: t.key === 'b' ? 'fabrikam' : null, assigneeId: null })),
    approval: approvalPlan.policyIds.length === 0 ? null : startApproval(approvalPlan, [['p-manager'], ['p-approver-1', 'p-approver-2']], now),
  };
}

function submit(...items: NewRequestedItem[]): RequestDecision {
  return submitRequest({ id: 'req-1', number: 'REQ0001000', requestedById: 'p-requester', requestedForId: 'p-requester', organisationId: 'contoso', items }, 'p-requester', now);
}

const describeEvent = (e: RequestEvent): string => {
  switch (e.type) {
    case 'itsm.request.submitted.v1':
      return 'submitted';
    case 'itsm.request.task-state-changed.v1':
      return `task ${e.data.task.key} ${e.data.previousState ?? 'new'}->${e.data.task.state}`;
    case 'itsm.request.item-state-changed.v1':
      return `item ${e.data.item.number} ${e.data.previousState}->${e.data.item.state}`;
    case 'itsm.request.approval-requested.v1':
      return `asked ${e.data.levelName} ${e.data.approverIds.join('+')}`;
    case 'itsm.request.approval-decided.v1':
      return `decided ${e.data.level} ${e.data.decision} ${e.data.levelOutcome}`;
    case 'itsm.request.state-changed.v1':
      return `request ${e.data.previousState}->${e.data.state}`;
    case 'itsm.request.task-assigned.v1':
      return `assigned ${e.data.task.key} ${e.data.task.assigneeId ?? 'nobody'}`;
    case 'itsm.request.comment-added.v1':
      return `comment ${e.data.visibility}`;
  }
};

function expectValid(decision: RequestDecision): string[] {
  for (const event of decision.events) expect(() => registry.validatePayload(requestTopic.name, event.type, event.data)).not.toThrow();
  return decision.events.map(describeEvent);
}

function act(request: ServiceRequest, ...steps: [string, 'start' | 'complete' | 'fail' | 'skip'][]): RequestDecision {
  let decision: RequestDecision = { request, events: [] };
  const events: RequestEvent[] = [];
  for (const [taskId, action] of steps) {
    decision = actOnRequestTask(decision.request, taskId, action, null, 'p-fulfiller', later);
    events.push(...decision.events);
  }
  return { request: decision.request, events };
}

describe('a service request', () => {
  it('without approval policies is approved at once: its parallel roots open, their successor waits', () => {
    const decision = submit(item(1, []));
    expect(expectValid(decision)).toEqual([
      'submitted',
      'task a new->pending',
      'task b new->pending',
      'task c new->pending',
      'task a pending->open',
      'task b pending->open',
      'item RITM0001001 awaiting_approval->approved',
    ]);
    expect(decision.request.items[0]?.fulfilment.tasks).toEqual({ a: 'open', b: 'open', c: 'pending' });
  });

  it('asks the manager first, then the approvers by quorum, then releases fulfilment', () => {
    const submitted = submit(item(1, [managerThenQuorum]));
    expect(expectValid(submitted).slice(4)).toEqual(['asked Manager p-manager']);
    const manager = decideItemApproval(submitted.request, 'ritm-1', { actorId: 'p-manager', onBehalfOf: null, decision: 'approved', comment: null, level: null }, [], later);
    expect(expectValid(manager)).toEqual(['decided 0 approved approved', 'asked Approvers p-approver-1+p-approver-2']);
    const quorum = decideItemApproval(manager.request, 'ritm-1', { actorId: 'p-approver-2', onBehalfOf: null, decision: 'approved', comment: 'ok', level: null }, [], later);
    expect(expectValid(quorum)).toEqual(['decided 1 approved approved', 'task a pending->open', 'task b pending->open', 'item RITM0001001 awaiting_approval->approved']);
  });

  it('refuses a decision by someone who is not an approver of the pending level, and a second one by the same seat', () => {
    const submitted = submit(item(1, [managerThenQuorum]));
    expect(() => decideItemApproval(submitted.request, 'ritm-1', { actorId: 'p-approver-1', onBehalfOf: null, decision: 'approved', comment: null, level: null }, [], later)).toThrow(
      expect.objectContaining({ code: CatalogueErrorCode.Forbidden }),
    );
    const manager = decideItemApproval(submitted.request, 'ritm-1', { actorId: 'p-manager', onBehalfOf: null, decision: 'approved', comment: null, level: null }, [], later);
    expect(() => decideItemApproval(manager.request, 'ritm-1', { actorId: 'p-manager', onBehalfOf: null, decision: 'approved', comment: null, level: null }, [], later)).toThrow(
      expect.objectContaining({ code: CatalogueErrorCode.Forbidden }),
    );
  });

  it('a rejected item cancels its tasks and, alone in its request, closes the request incomplete', () => {
    const submitted = submit(item(1, [managerThenQuorum]));
    const rejected = decideItemApproval(submitted.request, 'ritm-1', { actorId: 'p-manager', onBehalfOf: null, decision: 'rejected', comment: 'not now', level: null }, [], later);
    expect(expectValid(rejected)).toEqual([
      'decided 0 rejected rejected',
      'task a pending->canceled',
      'task b pending->canceled',
      'task c pending->canceled',
      'item RITM0001001 awaiting_approval->rejected',
      'request open->closed_incomplete',
    ]);
    expect(rejected.events.at(-1)?.data.state).toBe('closed_incomplete');
  });

  it('runs the graph: c opens only after a and b, and the item and request close complete', () => {
    const { request } = submit(item(1, []));
    const firstTwo = act(request, ['task-1-a', 'start'], ['task-1-a', 'complete']);
    expect(expectValid(firstTwo)).toEqual(['task a open->in_progress', 'item RITM0001001 approved->in_fulfilment', 'task a in_progress->closed_complete']);
    const rest = act(firstTwo.request, ['task-1-b', 'complete'], ['task-1-c', 'complete']);
    expect(expectValid(rest)).toEqual([
      'task b open->closed_complete',
      'task c pending->open',
      'task c open->closed_complete',
      'item RITM0001001 in_fulfilment->closed_complete',
      'request open->closed_complete',
    ]);
    expect(rest.request.state).toBe('closed_complete');
  });

  it('a failed task cancels the parallel branch and closes the item incomplete; the other item keeps the request open', () => {
    const { request } = submit(item(1, []), item(2, []));
    const failed = act(request, ['task-1-a', 'fail']);
    expect(expectValid(failed)).toEqual(['task a open->closed_failed', 'task b open->canceled', 'task c pending->canceled', 'item RITM0001001 approved->closed_incomplete']);
    expect(failed.request.state).toBe('open');
    expect(() => act(failed.request, ['task-1-c', 'start'])).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
  });

  it('cancels every open item, their pending approvals and tasks, then the request', () => {
    const { request } = submit(item(1, [managerThenQuorum]), item(2, []));
    const canceled = cancelRequest(request, 'ordered twice', 'p-requester', later);
    expect(expectValid(canceled).filter((e) => e.startsWith('item') || e.startsWith('request'))).toEqual([
      'item RITM0001001 awaiting_approval->canceled',
      'item RITM0001002 approved->canceled',
      'request open->canceled',
    ]);
    expect(canceled.request.items[0]?.approval?.outcome).toBe('canceled');
    expect(() => cancelRequest(canceled.request, null, 'p-requester', later)).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
  });

  it('assigns a task not yet closed, and records comments on the request and on a task', () => {
    const { request } = submit(item(1, []));
    const assigned = assignRequestTask(request, 'task-1-b', 'p-supplier', 'p-supplier', later);
    expect(expectValid(assigned)).toEqual(['assigned b p-supplier']);
    expect(assignRequestTask(assigned.request, 'task-1-b', 'p-supplier', 'p-supplier', later).events).toEqual([]);
    const note = addRequestComment(assigned.request, { id: 'c-1', visibility: 'internal', requestedItemId: null, taskId: 'task-1-b', text: '  racked  ' }, 'p-supplier', later);
    expect(expectValid(note)).toEqual(['comment internal']);
    expect(note.request.comments).toEqual([{ id: 'c-1', visibility: 'internal', requestedItemId: 'ritm-1', taskId: 'task-1-b', text: 'racked', by: 'p-supplier', at: later }]);
    const again = addRequestComment(note.request, { id: 'c-1', visibility: 'public', requestedItemId: null, taskId: null, text: 'racked again' }, 'p-other', later);
    expect([again.request, again.events]).toEqual([note.request, []]);
    expect(() => addRequestComment(request, { id: 'c-2', visibility: 'public', requestedItemId: null, taskId: 'task-9', text: 'x' }, 'p-requester', later)).toThrow(
      expect.objectContaining({ code: CatalogueErrorCode.NotFound, details: { taskId: 'task-9' } }),
    );
  });
});
