import { planApproval, startApproval } from '@itsm/approval';
import { expectEventually } from '@itsm/testing';
import { ServiceRequestStore } from './application/ports/service-request-store.port';
import { definePlan } from './domain/fulfilment';
import { actOnRequestTask, decideItemApproval, submitRequest } from './domain/request';
import type { NewRequestedItem, ServiceRequest } from './domain/request';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext } from './test-fixtures/booted-catalogue-context';

const plan = definePlan({
  tasks: [
    { key: 'a', title: 'Rack', groupId: 'g-service-desk', variables: [], predecessors: [] },
    { key: 'b', title: 'Host', groupId: 'g-fabrikam-hosting', variables: [], predecessors: [] },
  ],
});

/**
 * The request aggregate's document on the MongoDB peer: created with its outbox, saved after a
 * decision with the events numbered on (in order on `itsm.request.v1`), read back equal, found by
 * item, task, approver, requester and group, and a save over a stale load refused.
 */
describe('service request repository on the MongoDB peer', () => {
  let booted: BootedCatalogueContext;
  let store: ServiceRequestStore;
  const now = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    booted = await bootCatalogueContext({ directory: false });
    store = booted.app.get(ServiceRequestStore);
  });
  afterAll(() => booted.close());

  function newRequest(n: number, withApproval: boolean): ReturnType<typeof submitRequest> {
    const approvalPlan = planApproval(
      withApproval ? [{ id: 'pol', name: 'Manager', order: 1, active: true, appliesWhen: null, autoApproveWhen: null, levels: [{ name: 'Manager', approvers: { groupIds: [], userIds: ['p-manager'], roles: [] }, rule: { kind: 'first_response' }, mandatory: true }] }] : [],
      {},
      'run_all',
    );
    const item: NewRequestedItem = {
      id: `ritm-${n}`,
      number: `RITM${String(2000 + n).padStart(7, '0')}`,
      catalogItemId: 'item-laptop',
      catalogItemVersion: 1,
      name: 'Laptop',
      serviceId: null,
      offeringId: null,
      bundleId: null,
      quantity: 1,
      variables: { model: 'x1' },
      plan,
      tasks: plan.tasks.map((t, i) => ({ id: `task-${n}-${t.key}`, number: `TASK${String(3000 + 10 * n + i).padStart(7, '0')}`, key: t.key, name: t.title, groupId: t.groupId, supplierOrgId: t.key === 'b' ? 'fabrikam' : null, assigneeId: null })),
      approval: approvalPlan.policyIds.length === 0 ? null : startApproval(approvalPlan, [['p-manager']], now),
    };
    return submitRequest({ id: `req-${n}`, number: `REQ${String(1000 + n).padStart(7, '0')}`, requestedById: 'p-requester', requestedForId: n === 2 ? 'p-other' : 'p-requester', organisationId: 'contoso', items: [item] }, 'p-requester', now);
  }

  it('writes a request with its events, saves a decision after them in order, and reads it back equal', async () => {
    const submitted = newRequest(1, true);
    expect(await store.create(submitted.request, submitted.events)).toEqual({ status: 'saved', version: 1 });
    const loaded = await store.load('req-1');
    expect(loaded?.aggregate).toEqual(submitted.request);
    const approved = decideItemApproval(submitted.request, 'ritm-1', { actorId: 'p-manager', onBehalfOf: null, decision: 'approved', comment: null, level: null }, [], now);
    expect(await store.save(loaded as NonNullable<typeof loaded>, approved.request, approved.events)).toEqual({ status: 'saved', version: 2 });
    expect(await store.byId('req-1')).toEqual(approved.request);

    const all = [...submitted.events, ...approved.events];
    await expectEventually(() => expect(booted.published.filter((e) => e.type.startsWith('itsm.request.')).map((e) => [e.type, e.sequence])).toEqual(all.map((e, i) => [e.type, i + 1])));
  });

  it('refuses a save over a stale load, and finds requests by item, task, approver, person and group', async () => {
    const pending = newRequest(2, true);
    await store.create(pending.request, pending.events);
    const open = newRequest(3, false);
    await store.create(open.request, open.events);
    const stale = await store.load('req-3');
    const fresh = await store.load('req-3');
    const started = actOnRequestTask(open.request, 'task-3-a', 'start', null, 'p-fulfiller', now);
    await store.save(fresh as NonNullable<typeof fresh>, started.request, started.events);
    await expect(store.save(stale as NonNullable<typeof stale>, started.request, started.events)).rejects.toMatchObject({ code: 'PERSISTENCE.CONFLICT' });

    const ids = (page: { items: readonly ServiceRequest[] }) => page.items.map((r) => r.id);
    expect((await store.byItemId('ritm-2'))?.id).toBe('req-2');
    expect((await store.byTaskId('task-3-b'))?.id).toBe('req-3');
    expect(ids(await store.awaitingApprover('p-manager', 10, undefined))).toEqual(['req-2']);
    expect(ids(await store.list({ kind: 'person', personId: 'p-other' }, {}, 10, undefined))).toEqual(['req-2']);
    expect(ids(await store.list({ kind: 'person', personId: 'p-requester' }, { states: ['open'] }, 10, undefined))).toEqual(['req-3', 'req-2', 'req-1']);
    expect(ids(await store.list({ kind: 'person', personId: 'p-requester' }, { states: ['canceled'] }, 10, undefined))).toEqual([]);
    const firstPage = await store.list({ kind: 'all' }, {}, 2, undefined);
    expect([ids(firstPage), firstPage.hasNextPage]).toEqual([['req-3', 'req-2'], true]);
    expect(ids(await store.list({ kind: 'all' }, {}, 2, 1002))).toEqual(['req-1']);
    expect(ids(await store.withTasks({ groupIds: ['g-service-desk'], states: ['in_progress'] }, 10, undefined))).toEqual(['req-3']);
    expect(ids(await store.withTasks({ groupIds: ['g-fabrikam-hosting'] }, 10, undefined))).toEqual(['req-3', 'req-2', 'req-1']);
  });
});
