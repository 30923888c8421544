import type { Principal } from '@itsm/platform/auth';
import { CatalogueErrorCode } from '../../../domain/catalogue.errors';
import { defineForm } from '../../../domain/forms';
import { definePlan } from '../../../domain/fulfilment';
import { MANAGER_THEN_APPROVERS, requestWorld } from '../../test-fixtures/request-world';
import type { RequestWorld } from '../../test-fixtures/request-world';
import type { CatalogueBundle } from '../../../domain/portfolio';
import { OrderCatalogItemsCommand } from './order-catalog-items.command';
import type { OrderLine } from './order-catalog-items.command';

const person = (userId: string, roles: Principal['roles'] = ['requester'], orgId = 'contoso'): Principal => ({ userId, name: userId, roles, orgId });
const REQUESTER = person('p-requester');
const laptop = (variables: Record<string, unknown> = {}): OrderLine => ({ itemId: 'laptop', quantity: 1, variables: { model: 'x1', dock: true, cost_centre: 'CC-1234', ...variables } });
const mouse: OrderLine = { itemId: 'mouse', quantity: 2, variables: {} };

async function refused(world: RequestWorld, viewer: Principal, command: OrderCatalogItemsCommand, code: CatalogueErrorCode, details: Record<string, unknown>): Promise<void> {
  await expect(world.order.execute(viewer, command)).rejects.toMatchObject({ code, details: expect.objectContaining(details) });
  expect(world.store.saved).toEqual([]);
}

describe('ordering a cart (order-catalog-items)', () => {
  let world: RequestWorld;
  beforeEach(async () => {
    world = await requestWorld();
  });

  it('makes one request with a requested item per line, numbered, the manager asked for the laptop and the mouse released at once', async () => {
    const request = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([laptop(), mouse]));
    expect([request.number, request.requestedById, request.requestedForId, request.organisationId]).toEqual(['REQ0001000', 'p-requester', 'p-requester', 'contoso']);
    expect(request.items.map((i) => [i.number, i.catalogItemId, i.catalogItemVersion, i.quantity, i.fulfilment.state])).toEqual([
      ['RITM0001000', 'laptop', 1, 1, 'awaiting_approval'],
      ['RITM0001001', 'mouse', 1, 2, 'approved'],
    ]);
    expect(request.items[0]?.variables).toEqual({ model: 'x1', dock: true, cost_centre: 'CC-1234' });
    expect(request.items[0]?.tasks.map((t) => [t.number, t.key, t.groupId, t.supplierOrgId])).toEqual([
      ['TASK0001000', 'order', 'g-service-desk', null],
      ['TASK0001001', 'image', 'g-fabrikam-hosting', 'fabrikam'],
      ['TASK0001002', 'hand-over', 'g-service-desk', null],
    ]);
    expect(request.items[0]?.approval?.levels.map((l) => [l.name, l.status, l.approverIds])).toEqual([
      ['Manager', 'pending', ['p-manager']],
      ['Access approvers', 'waiting', ['p-approver-1', 'p-approver-2', 'p-approver-3']],
    ]);
    const events = world.store.events();
    expect(events.filter((e) => e.type === 'itsm.request.approval-requested.v1').map((e) => e.data.requestedForId)).toEqual(['p-requester']);
    expect(events[0]?.type).toBe('itsm.request.submitted.v1');
  });

  it('orders on behalf of a direct report, asking the manager of the person it is for', async () => {
    const request = await world.order.execute(person('p-manager'), new OrderCatalogItemsCommand([laptop()], 'p-other'));
    expect([request.requestedById, request.requestedForId]).toEqual(['p-manager', 'p-other']);
    expect(request.items[0]?.approval?.levels[0]?.approverIds).toEqual(['p-manager']);
  });

  it('refuses ordering for someone who is neither a direct report nor ordered by an agent', async () => {
    await refused(world, person('p-other'), new OrderCatalogItemsCommand([mouse], 'p-requester'), CatalogueErrorCode.Forbidden, { field: 'requestedForId' });
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([mouse], 'p-gone'), CatalogueErrorCode.NotFound, { field: 'requestedForId' });
  });

  it('refuses a retired item, an unknown one and one the person is not entitled to, naming the line; nothing is written', async () => {
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([mouse, { itemId: 'fax', quantity: 1, variables: {} }]), CatalogueErrorCode.NotOrderable, { line: 1, itemId: 'fax' });
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'nothing', quantity: 1, variables: {} }]), CatalogueErrorCode.NotFound, { line: 0, itemId: 'nothing' });
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'northwind-portal', quantity: 1, variables: {} }]), CatalogueErrorCode.NotEntitled, { line: 0 });
    await refused(world, person('p-customer', ['requester'], 'northwind'), new OrderCatalogItemsCommand([mouse]), CatalogueErrorCode.NotEntitled, { line: 0, itemId: 'mouse' });
    expect((await world.order.execute(person('p-customer', ['requester'], 'northwind'), new OrderCatalogItemsCommand([{ itemId: 'northwind-portal', quantity: 1, variables: {} }]))).organisationId).toBe('northwind');
  });

  it('refuses each kind of bad value naming the line and the variable; nothing is written', async () => {
    const bad = (variables: Record<string, unknown>) => new OrderCatalogItemsCommand([mouse, laptop(variables)]);
    await refused(world, REQUESTER, bad({ cost_centre: '' }), CatalogueErrorCode.MissingVariable, { line: 1, variable: 'cost_centre' });
    await refused(world, REQUESTER, bad({ model: 'mac' }), CatalogueErrorCode.HiddenVariable, { line: 1, variable: 'dock' });
    await refused(world, REQUESTER, bad({ dock: 'yes' }), CatalogueErrorCode.InvalidVariable, { line: 1, variable: 'dock' });
    await refused(world, REQUESTER, bad({ cost_centre: 'CC-12' }), CatalogueErrorCode.InvalidVariable, { line: 1, variable: 'cost_centre' });
    await refused(world, REQUESTER, bad({ deliver_to: 'p-nobody' }), CatalogueErrorCode.UnknownReference, { line: 1, variable: 'deliver_to', id: 'p-nobody' });
    await refused(world, REQUESTER, bad({ deliver_to: 'p-gone' }), CatalogueErrorCode.UnknownReference, { line: 1, variable: 'deliver_to' });
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ ...mouse, quantity: 0 }]), CatalogueErrorCode.InvalidInput, { line: 0, field: 'quantity' });
    await refused(world, REQUESTER, new OrderCatalogItemsCommand([]), CatalogueErrorCode.InvalidInput, { field: 'lines' });
  });

  it('refuses an item whose mandatory approval level has nobody to decide (a requester without a manager), naming the line and level', async () => {
    await refused(world, person('p-customer', ['requester'], 'northwind'), new OrderCatalogItemsCommand([laptop()]), CatalogueErrorCode.NotEntitled, { line: 0 });
    await refused(world, person('p-manager'), new OrderCatalogItemsCommand([laptop()]), CatalogueErrorCode.NotOrderable, { line: 0, itemId: 'laptop', level: 0, name: 'Manager' });
  });

  it('decides on the values and the order: a policy that applies to big screens only asks nobody for a small one', async () => {
    const form = defineForm({ variables: [{ name: 'inches', label: 'Inches', type: 'number', required: true, min: 20, max: 40 }] });
    const plan = definePlan({ tasks: [{ key: 'ship', title: 'Ship', groupId: 'g-service-desk', variables: ['inches'], predecessors: [] }] });
    const bigOnly = { ...MANAGER_THEN_APPROVERS, appliesWhen: { any: [{ fact: 'inches', op: 'gt' as const, value: 30 }, { fact: 'item.quantity', op: 'gte' as const, value: 5 }] } };
    const current = (await world.items.current(['mouse'])).get('mouse');
    if (current === undefined) throw new Error('the demo catalogue has a mouse');
    world.items.publish({ ...current, itemId: 'screen', name: 'Screen', form, plan, approvalPolicies: [bigOnly] });
    const small = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'screen', quantity: 1, variables: { inches: 24 } }]));
    const big = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'screen', quantity: 1, variables: { inches: 34 } }]));
    const many = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'screen', quantity: 5, variables: { inches: 24 } }]));
    expect([small, big, many].map((r) => [r.items[0]?.approval?.policyIds ?? null, r.items[0]?.fulfilment.state])).toEqual([
      [null, 'approved'],
      [['pol-access'], 'awaiting_approval'],
      [['pol-access'], 'awaiting_approval'],
    ]);
  });

  it('keeps the version an item was ordered under when the item is edited afterwards', async () => {
    const request = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([mouse]));
    const v1 = (await world.items.current(['mouse'])).get('mouse');
    if (v1 === undefined) throw new Error('the demo catalogue has a mouse');
    world.items.publish({ ...v1, version: 2, name: 'Mouse (wireless)', plan: definePlan({ tasks: [{ key: 'other', title: 'Other', groupId: 'g-service-desk', variables: [], predecessors: [] }] }) });
    const task = request.items[0]?.tasks[0];
    const view = await world.reads.task({ userId: 'p-fulfiller', name: 'p-fulfiller', roles: ['agent'], orgId: 'contoso' }, task?.id ?? '');
    expect([view.item.catalogItemVersion, view.item.name, view.task.key]).toEqual([1, 'Mouse', 'do']);
    const next = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([mouse]));
    expect([next.items[0]?.catalogItemVersion, next.items[0]?.tasks.map((t) => t.key)]).toEqual([2, ['other']]);
  });

  describe('a bundle line', () => {
    const T = new Date('2030-03-01T08:00:00.000Z');
    const starter = (status: 'draft' | 'published' | 'retired' = 'published'): CatalogueBundle => ({
      id: 'starter',
      name: 'Starter',
      description: '',
      categoryId: 'cat-hardware',
      status,
      items: [
        { itemId: 'laptop', defaults: { model: 'x1', cost_centre: 'CC-0001' } },
        { itemId: 'mouse', defaults: {} },
      ],
      createdAt: T,
      updatedAt: T,
    });

    it('becomes one requested item per bundle item in the same request, defaults applied under the values sent, each keeping its bundle', async () => {
      world.bundles.put(starter());
      const request = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([{ bundleId: 'starter', quantity: 2, variables: { laptop: { dock: true } } }, mouse]));
      expect(request.items.map((i) => [i.number, i.catalogItemId, i.catalogItemVersion, i.quantity, i.bundleId])).toEqual([
        ['RITM0001000', 'laptop', 1, 2, 'starter'],
        ['RITM0001001', 'mouse', 1, 2, 'starter'],
        ['RITM0001002', 'mouse', 1, 2, null],
      ]);
      expect(request.items[0]?.variables).toEqual({ model: 'x1', dock: true, cost_centre: 'CC-0001' });
      const submitted = world.store.events().find((e) => e.type === 'itsm.request.submitted.v1');
      expect(submitted?.type === 'itsm.request.submitted.v1' ? submitted.data.items.map((i) => i.bundleId) : []).toEqual(['starter', 'starter', undefined]);
    });

    it('refuses an unknown bundle, a draft or retired one, naming the line and the bundle; nothing is written', async () => {
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([mouse, { bundleId: 'starter', quantity: 1, variables: {} }]), CatalogueErrorCode.NotFound, { line: 1, bundleId: 'starter' });
      world.bundles.put(starter('draft'));
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ bundleId: 'starter', quantity: 1, variables: {} }]), CatalogueErrorCode.NotOrderable, { line: 0, bundleId: 'starter' });
      world.bundles.put(starter('retired'));
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ bundleId: 'starter', quantity: 1, variables: {} }]), CatalogueErrorCode.NotOrderable, { line: 0, bundleId: 'starter' });
    });

    it('refuses a bad value, a retired item and an item the person is not entitled to, naming the line, the bundle and the item; nothing is numbered', async () => {
      world.bundles.put({ ...starter(), items: [...starter().items, { itemId: 'fax', defaults: {} }] });
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ bundleId: 'starter', quantity: 1, variables: {} }]), CatalogueErrorCode.NotOrderable, { line: 0, bundleId: 'starter', itemId: 'fax' });
      world.bundles.put({ ...starter(), items: [...starter().items, { itemId: 'northwind-portal', defaults: {} }] });
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([{ bundleId: 'starter', quantity: 1, variables: {} }]), CatalogueErrorCode.NotEntitled, { line: 0, bundleId: 'starter', itemId: 'northwind-portal' });
      world.bundles.put(starter());
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([mouse, { bundleId: 'starter', quantity: 1, variables: { laptop: { cost_centre: 'nope' } } }]), CatalogueErrorCode.InvalidVariable, { line: 1, bundleId: 'starter', itemId: 'laptop', variable: 'cost_centre' });
      expect((await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([mouse]))).number).toBe('REQ0001000');
    });

    it('counts a bundle as its items against the 50 items of a request', async () => {
      world.bundles.put(starter());
      const lines = Array.from({ length: 25 }, (): OrderLine => ({ bundleId: 'starter', quantity: 1, variables: {} }));
      await refused(world, REQUESTER, new OrderCatalogItemsCommand([...lines, mouse]), CatalogueErrorCode.InvalidInput, { field: 'lines' });
    });
  });
});
