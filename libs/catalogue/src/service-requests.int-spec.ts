import { expectEventually } from '@itsm/testing';
import { CatalogueErrorCode } from './domain';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext, GraphqlAnswer } from './test-fixtures/booted-catalogue-context';

type Node = Record<string, unknown>;
interface TaskNode { readonly id: string; readonly key: string; readonly number: string; readonly state: string; readonly groupId: string }
interface ItemNode { readonly id: string; readonly number: string; readonly state: string; readonly catalogItemVersion: number; readonly tasks: readonly TaskNode[] }
interface RequestNode { readonly id: string; readonly number: string; readonly state: string; readonly items: readonly ItemNode[] }

const REQUEST = 'id number state items { id number state catalogItemVersion tasks { id key number state groupId } }';
const ORDER = `mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { ${REQUEST} } }`;
const DECIDE = `mutation($item: ID!) { decideRequestApproval(requestedItemId: $item, decision: approved) { ${REQUEST} } }`;
const ACT = 'mutation($id: ID!, $action: FulfilmentTaskAction!) { actOnFulfilmentTask(id: $id, action: $action) { key state } }';
const TASKS = 'query { tasks(first: 100) { edges { node { id key requestId requestNumber variables } } } }';
const TASK = 'query($id: ID!) { task(id: $id) { key state variables } }';
const READ = `query($id: ID!) { request(id: $id) { ${REQUEST} } }`;

/** The laptop's form: a choice, a conditional accessory, a pattern, bounds and a person reference. */
const LAPTOP_FORM = [
  { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'x1', label: 'X1' }, { value: 'mac', label: 'Mac' }] },
  { name: 'dock', label: 'Dock', type: 'boolean', visibleWhen: JSON.stringify({ variable: 'model', equals: ['x1'] }) },
  { name: 'memory_gb', label: 'Memory (GB)', type: 'number', min: 8, max: 64, integer: true },
  { name: 'cost_centre', label: 'Cost centre', type: 'text', required: true, pattern: '^CC-[0-9]{4}$' },
  { name: 'deliver_to', label: 'Deliver to', type: 'person' },
];
/** Two parallel tasks (the service desk's, the supplier's), then one after both. */
const LAPTOP_PLAN = [
  { key: 'order', title: 'Order the laptop', groupId: 'g-service-desk', variables: ['model', 'dock', 'memory_gb', 'cost_centre'], predecessors: [] },
  { key: 'image', title: 'Prepare the image', groupId: 'g-fabrikam-hosting', variables: ['model'], predecessors: [] },
  { key: 'hand-over', title: 'Hand over', groupId: 'g-service-desk', variables: ['deliver_to'], predecessors: ['order', 'image'] },
];
/** The requester's manager, then two of the three access approvers. */
const MANAGER_THEN_QUORUM = {
  id: 'manager-then-approvers',
  name: 'Manager, then access approvers',
  levels: [
    { name: 'Manager', roles: ['requester-manager'], rule: 'first_response' },
    { name: 'Access approvers', groupIds: ['g-access-approvers'], rule: 'quorum', quorumPercent: 66 },
  ],
};
const LAPTOP_VALUES = { model: 'x1', dock: true, memory_gb: 32, cost_centre: 'CC-0042', deliver_to: 'p-requester' };

/**
 * The acceptance in the integration tier, through GraphQL only, on the peers: the catalogue
 * admin publishes the items; a requester orders a two-item cart, the manager then a quorum of the
 * access approvers release the laptop's plan, the service desk and the supplier agent (who sees only
 * its task and the variables it needs) run it, and the item and request close with every
 * `itsm.request.v1` event in order; forms refuse bad values naming the variable and write nothing;
 * a request keeps the item version it was ordered under.
 */
describe('service requests through GraphQL on the peers', () => {
  let booted: BootedCatalogueContext;
  const ids = { laptop: '', mouse: '', northwind: '', fax: '' };
  let categoryId = '';
  let requestsSoFar = 0;

  const as = (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => booted.as(who, query, variables);
  const ok = <T = Node>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => booted.ok<T>(who, query, variables);
  const itemInput = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    categoryId,
    form: [],
    plan: [{ key: 'deliver', title: `Deliver ${name}`, groupId: 'g-service-desk' }],
    price: { currency: 'EUR', oneOffMinor: 2_500, recurringMonthlyMinor: 0 },
    leadTimeDays: 2,
    ...extra,
  });
  const publish = async (input: Record<string, unknown>): Promise<string> => (await ok<{ id: string }>('p-catadmin', 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id } }', { input })).id;
  const order = (who: string, lines: readonly { itemId: string; variables?: Record<string, unknown> }[]) =>
    as(who, ORDER, { input: { lines: lines.map((l) => ({ itemId: l.itemId, quantity: 1, variables: JSON.stringify(l.variables ?? {}) })) } });
  const requestEvents = () => booted.published.filter((e) => e.type.startsWith('itsm.request.'));
  const streamOf = (requestId: string) => requestEvents().filter((e) => (e.data as { requestId?: string }).requestId === requestId);
  const taskOf = (request: RequestNode, key: string): TaskNode => request.items[0]?.tasks.find((t) => t.key === key) as TaskNode;
  const approveLaptop = async (request: RequestNode): Promise<RequestNode> => {
    let latest = request;
    for (const approver of ['p-manager', 'p-approver-1', 'p-approver-3']) latest = await ok<RequestNode>(approver, DECIDE, { item: request.items[0]?.id });
    return latest;
  };

  beforeAll(async () => {
    booted = await bootCatalogueContext();
    categoryId = (await ok<{ id: string }>('p-catadmin', 'mutation { saveCatalogCategory(input: { name: "Workplace" }) { id } }')).id;
    const northwind = await ok<{ id: string }>('p-catadmin', 'mutation { saveEntitlementRule(input: { name: "Northwind customers", organisationIds: ["northwind"] }) { id } }');
    ids.laptop = await publish(itemInput('Laptop', { form: LAPTOP_FORM, plan: LAPTOP_PLAN, approvalPolicies: [MANAGER_THEN_QUORUM] }));
    ids.mouse = await publish(itemInput('Mouse'));
    ids.northwind = await publish(itemInput('Northwind portal access', { entitlementRuleIds: [northwind.id] }));
    ids.fax = await publish(itemInput('Fax machine'));
    await ok('p-catadmin', 'mutation($id: ID!) { retireCatalogItem(id: $id, reason: "No more fax") { status } }', { id: ids.fax });
  });
  afterAll(() => booted.close());

  it('runs a two-item cart: manager then quorum approval, two parallel tasks then one after both (one by the supplier agent), item and request closed, every event in order', async () => {
    const ordered = await order('p-requester', [{ itemId: ids.laptop, variables: LAPTOP_VALUES }, { itemId: ids.mouse }]);
    expect(ordered.errors).toBeUndefined();
    const request = ordered.data?.['orderCatalogItems'] as unknown as RequestNode;
    requestsSoFar += 1;
    expect(request).toMatchObject({ number: 'REQ0001000', state: 'open', items: [{ state: 'awaiting_approval', catalogItemVersion: 1 }, { state: 'approved', catalogItemVersion: 1 }] });
    const [laptop, mouse] = request.items as [ItemNode, ItemNode];
    expect(laptop.tasks.map((t) => [t.key, t.groupId, t.state])).toEqual([
      ['order', 'g-service-desk', 'pending'],
      ['image', 'g-fabrikam-hosting', 'pending'],
      ['hand-over', 'g-service-desk', 'pending'],
    ]);

    // Approvals: the manager's level first (an access approver cannot jump it), then two of three approvers.
    const awaiting = await ok('p-manager', 'query { myApprovals { edges { node { requestNumber item { number } levels { name } } } } }');
    expect(awaiting).toEqual({ edges: [{ node: { requestNumber: request.number, item: { number: laptop.number }, levels: [{ name: 'Manager' }] } }] });
    expect((await as('p-approver-1', DECIDE, { item: laptop.id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);
    await ok('p-manager', DECIDE, { item: laptop.id });
    expect(await ok('p-approver-2', 'query { myApprovals { edges { node { levels { name } } } } }')).toEqual({ edges: [{ node: { levels: [{ name: 'Access approvers' }] } }] });
    expect(taskOf(await ok<RequestNode>('p-approver-1', DECIDE, { item: laptop.id }), 'order').state).toBe('pending');
    const released = await ok<RequestNode>('p-approver-2', DECIDE, { item: laptop.id });
    expect(released.items[0]?.state).toBe('approved');
    expect(released.items[0]?.tasks.map((t) => t.state)).toEqual(['open', 'open', 'pending']);

    // The supplier agent: only its task, with only the variables that task needs; not the request.
    const supplierTasks = await ok<{ edges: { node: Node }[] }>('p-supplier', TASKS);
    expect(supplierTasks.edges.map((e) => e.node)).toEqual([{ id: taskOf(request, 'image').id, key: 'image', requestId: request.id, requestNumber: request.number, variables: JSON.stringify({ model: 'x1' }) }]);
    expect(await ok('p-supplier', TASK, { id: taskOf(request, 'image').id })).toEqual({ key: 'image', state: 'open', variables: JSON.stringify({ model: 'x1' }) });
    expect((await as('p-supplier', TASK, { id: taskOf(request, 'order').id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.NotFound);
    expect((await as('p-supplier', READ, { id: request.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('p-supplier', 'query { requests { edges { node { id } } } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('p-supplier', ACT, { id: taskOf(request, 'order').id, action: 'complete' })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);

    // The service desk sees its two tasks of this request (with their variables), not the supplier's.
    const deskTasks = await ok<{ edges: { node: { key: string; variables: string } }[] }>('p-fulfiller', TASKS);
    expect(deskTasks.edges.map((e) => [e.node.key, JSON.parse(e.node.variables) as unknown])).toEqual([
      ['order', { model: 'x1', dock: true, memory_gb: 32, cost_centre: 'CC-0042' }],
      ['hand-over', { deliver_to: 'p-requester' }],
      ['deliver', {}],
    ]);

    // The graph: hand-over waits for both parallel tasks.
    expect(await ok('p-supplier', ACT, { id: taskOf(request, 'image').id, action: 'complete' })).toEqual({ key: 'image', state: 'closed_complete' });
    expect((await as('p-fulfiller', ACT, { id: taskOf(request, 'hand-over').id, action: 'complete' })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.IllegalTransition);
    await ok('p-fulfiller', ACT, { id: taskOf(request, 'order').id, action: 'start' });
    await ok('p-fulfiller', ACT, { id: taskOf(request, 'order').id, action: 'complete' });
    expect(await ok('p-fulfiller', ACT, { id: taskOf(request, 'hand-over').id, action: 'complete' })).toEqual({ key: 'hand-over', state: 'closed_complete' });
    expect((await ok<RequestNode>('p-requester', READ, { id: request.id })).items.map((i) => i.state)).toEqual(['closed_complete', 'approved']);
    await ok('p-fulfiller', ACT, { id: mouse.tasks[0]?.id, action: 'complete' });
    expect(await ok<RequestNode>('p-requester', READ, { id: request.id })).toMatchObject({ state: 'closed_complete', items: [{ state: 'closed_complete' }, { state: 'closed_complete' }] });

    // Every event of the request on itsm.request.v1, in order, numbered 1..n on one subject.
    await expectEventually(() => expect(streamOf(request.id).at(-1)?.type).toBe('itsm.request.state-changed.v1'));
    const stream = streamOf(request.id);
    expect(stream.map((e) => e.sequence)).toEqual(stream.map((_, i) => i + 1));
    expect(new Set(stream.map((e) => e.subject)).size).toBe(1);
    const moves = stream.map((e) => {
      const data = e.data as { item?: { number: string; state: string }; task?: { number: string; state: string }; state?: string; levelName?: string; approverIds?: string[]; approverId?: string; levelOutcome?: string };
      const type = e.type.replace(/^itsm\.request\.|\.v1$/g, '');
      if (type === 'approval-requested') return `${type} ${data.item?.number} ${data.levelName}: ${data.approverIds?.join(',')}`;
      if (type === 'approval-decided') return `${type} ${data.item?.number} by ${data.approverId}: level ${data.levelOutcome}`;
      const what = data.task ?? data.item;
      return what ? `${type} ${what.number}:${what.state}` : `${type} ${data.state}`;
    });
    const [orderIt, image, handOver, deliver] = [...laptop.tasks, ...mouse.tasks].map((t) => t.number) as [string, string, string, string];
    expect(moves).toEqual([
      'submitted open',
      ...[orderIt, image, handOver, deliver].map((n) => `task-state-changed ${n}:pending`),
      `approval-requested ${laptop.number} Manager: p-manager`,
      `task-state-changed ${deliver}:open`,
      `item-state-changed ${mouse.number}:approved`,
      `approval-decided ${laptop.number} by p-manager: level approved`,
      `approval-requested ${laptop.number} Access approvers: p-approver-1,p-approver-2,p-approver-3`,
      `approval-decided ${laptop.number} by p-approver-1: level pending`,
      `approval-decided ${laptop.number} by p-approver-2: level approved`,
      `task-state-changed ${orderIt}:open`,
      `task-state-changed ${image}:open`,
      `item-state-changed ${laptop.number}:approved`,
      `task-state-changed ${image}:closed_complete`,
      `item-state-changed ${laptop.number}:in_fulfilment`,
      `task-state-changed ${orderIt}:in_progress`,
      `task-state-changed ${orderIt}:closed_complete`,
      `task-state-changed ${handOver}:open`,
      `task-state-changed ${handOver}:closed_complete`,
      `item-state-changed ${laptop.number}:closed_complete`,
      `task-state-changed ${deliver}:closed_complete`,
      `item-state-changed ${mouse.number}:closed_complete`,
      'state-changed closed_complete',
    ]);
  });

  it('refuses bad form values naming the variable, an item not entitled and a retired item, and writes nothing: no request, no event, no number', async () => {
    const eventsBefore = requestEvents().length;
    const refusal = async (lines: Parameters<typeof order>[1]) => (await order('p-requester', lines)).errors?.[0]?.extensions;
    const laptop = (variables: Record<string, unknown>) => [{ itemId: ids.mouse }, { itemId: ids.laptop, variables }];
    const { model: _model, ...withoutModel } = LAPTOP_VALUES;
    expect(await refusal(laptop(withoutModel))).toMatchObject({ code: CatalogueErrorCode.MissingVariable, details: { variable: 'model', line: 1, itemId: ids.laptop } });
    expect(await refusal(laptop({ ...LAPTOP_VALUES, model: 'mac' }))).toMatchObject({ code: CatalogueErrorCode.HiddenVariable, details: { variable: 'dock', reason: 'hidden', line: 1 } });
    expect(await refusal(laptop({ ...LAPTOP_VALUES, dock: 'yes' }))).toMatchObject({ code: CatalogueErrorCode.InvalidVariable, details: { variable: 'dock', reason: 'wrong_type', line: 1 } });
    expect(await refusal(laptop({ ...LAPTOP_VALUES, memory_gb: 128 }))).toMatchObject({ code: CatalogueErrorCode.InvalidVariable, details: { variable: 'memory_gb', reason: 'above_max', limit: 64 } });
    expect(await refusal(laptop({ ...LAPTOP_VALUES, deliver_to: 'p-nobody' }))).toMatchObject({ code: CatalogueErrorCode.UnknownReference, details: { variable: 'deliver_to', kind: 'person', id: 'p-nobody' } });
    expect(await refusal([{ itemId: ids.mouse }, { itemId: ids.northwind }])).toMatchObject({ code: CatalogueErrorCode.NotEntitled, details: { line: 1, itemId: ids.northwind } });
    expect(await refusal([{ itemId: ids.fax }])).toMatchObject({ code: CatalogueErrorCode.NotOrderable, details: { line: 0, itemId: ids.fax } });
    expect(await refusal([{ itemId: ids.mouse }, { itemId: 'no-such-item' }])).toMatchObject({ code: CatalogueErrorCode.NotFound, details: { line: 1, itemId: 'no-such-item' } });

    const mine = await ok<{ edges: unknown[] }>('p-requester', 'query { requests(first: 100) { edges { node { id } } } }');
    expect(mine.edges).toHaveLength(requestsSoFar);
    // The next accepted order takes the numbers right after the first request's (none was consumed by a
    // refusal), and its events are the only ones published since the refusals began.
    const next = await order('p-requester', [{ itemId: ids.mouse }]);
    requestsSoFar += 1;
    const accepted = next.data?.['orderCatalogItems'] as unknown as RequestNode;
    expect(accepted).toMatchObject({ number: 'REQ0001001', items: [{ number: 'RITM0001002', tasks: [{ number: 'TASK0001004' }] }] });
    await expectEventually(() => expect(streamOf(accepted.id).map((e) => e.type)).toContain('itsm.request.item-state-changed.v1'));
    expect(requestEvents().slice(eventsBefore).map((e) => (e.data as { requestId: string }).requestId)).toEqual(streamOf(accepted.id).map(() => accepted.id));
  });

  it('lets only the requester cancel, and shows the requester public comments only', async () => {
    const ordered = await order('p-requester', [{ itemId: ids.mouse }]);
    const request = ordered.data?.['orderCatalogItems'] as unknown as RequestNode;
    requestsSoFar += 1;
    const comment = 'mutation($id: ID!, $v: RequestCommentVisibility!, $t: String!) { addRequestComment(requestId: $id, visibility: $v, text: $t) }';
    expect((await as('p-requester', comment, { id: request.id, v: 'internal', t: 'note' })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);
    await ok('p-requester', comment, { id: request.id, v: 'public', t: 'please hurry' });
    await ok('p-fulfiller', comment, { id: request.id, v: 'internal', t: 'stock low' });
    expect(await ok('p-requester', 'query($id: ID!) { request(id: $id) { comments { visibility text } } }', { id: request.id })).toEqual({ comments: [{ visibility: 'public', text: 'please hurry' }] });

    const cancel = 'mutation($id: ID!) { cancelRequest(id: $id, reason: "ordered twice") { state items { state tasks { state } } } }';
    expect((await as('p-fulfiller', cancel, { id: request.id })).errors?.[0]?.extensions?.code).toBe(CatalogueErrorCode.Forbidden);
    expect(await ok('p-requester', cancel, { id: request.id })).toEqual({ state: 'canceled', items: [{ state: 'canceled', tasks: [{ state: 'canceled' }] }] });
    const canceled = await ok('p-requester', 'query { requests(first: 10, filter: { states: [canceled] }) { edges { node { number } } } }');
    expect(canceled).toEqual({ edges: [{ node: { number: request.number } }] });
  });

  it('keeps the item version a request was ordered under: the requested item shows version 1 and its tasks follow the v1 plan while v2 is current', async () => {
    const ordered = await order('p-requester', [{ itemId: ids.laptop, variables: LAPTOP_VALUES }]);
    expect(ordered.errors).toBeUndefined();
    const request = ordered.data?.['orderCatalogItems'] as unknown as RequestNode;
    const v2 = {
      form: [LAPTOP_FORM[0], { name: 'floor', label: 'Floor', type: 'number', required: true }],
      plan: [{ key: 'ship', title: 'Ship from stock', groupId: 'g-service-desk', variables: ['model', 'floor'] }],
      approvalPolicies: [],
    };
    expect(await ok('p-catadmin', 'mutation($id: ID!, $input: CatalogItemInput!) { reviseCatalogItem(id: $id, input: $input) { version currentVersion } }', { id: ids.laptop, input: itemInput('Laptop', v2) })).toEqual({ version: 2, currentVersion: 2 });

    const ordered1 = await ok('p-requester', 'query($id: ID!) { catalogItem(id: $id, version: 1) { version currentVersion plan { key } } }', { id: ids.laptop });
    expect(ordered1).toEqual({ version: 1, currentVersion: 2, plan: [{ key: 'order' }, { key: 'image' }, { key: 'hand-over' }] });
    const released = await approveLaptop(request);
    expect(released.items[0]).toMatchObject({ state: 'approved', catalogItemVersion: 1 });
    expect(released.items[0]?.tasks.map((t) => [t.key, t.state])).toEqual([['order', 'open'], ['image', 'open'], ['hand-over', 'pending']]);
    expect(await ok('p-fulfiller', TASK, { id: taskOf(request, 'order').id })).toEqual({ key: 'order', state: 'open', variables: JSON.stringify({ model: 'x1', dock: true, memory_gb: 32, cost_centre: 'CC-0042' }) });
    expect(await ok('p-supplier', TASK, { id: taskOf(request, 'image').id })).toMatchObject({ key: 'image', variables: JSON.stringify({ model: 'x1' }) });

    // An order now is under v2: its form and plan.
    expect((await order('p-requester', [{ itemId: ids.laptop, variables: LAPTOP_VALUES }])).errors?.[0]?.extensions).toMatchObject({ code: CatalogueErrorCode.HiddenVariable, details: { variable: 'dock', reason: 'not_in_form' } });
    const underV2 = await order('p-requester', [{ itemId: ids.laptop, variables: { model: 'mac', floor: 3 } }]);
    expect((underV2.data?.['orderCatalogItems'] as unknown as RequestNode).items[0]).toMatchObject({ catalogItemVersion: 2, state: 'approved', tasks: [{ key: 'ship', state: 'open' }] });
  });

  it("resolves its requests, items and tasks by reference (federation: the SLA subgraph adds their clocks) by the catalogue's read rules", async () => {
    const ordered = await order('p-requester', [{ itemId: ids.mouse }]);
    expect(ordered.errors).toBeUndefined();
    const request = ordered.data?.['orderCatalogItems'] as unknown as RequestNode;
    requestsSoFar += 1;
    const [item] = request.items as [ItemNode];
    const task = item.tasks[0] as TaskNode;
    const entity = async (who: string, typename: string, id: string, fields: string) => {
      const answer = await as(who, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${typename} { ${fields} } } }`, { reps: [{ __typename: typename, id }] });
      return answer.errors === undefined ? (answer.data?.['_entities'] as unknown as Node[])[0] : answer.errors[0]?.extensions?.code;
    };
    expect(await entity('p-requester', 'ServiceRequest', request.id, 'id number requestedById')).toEqual({ id: request.id, number: request.number, requestedById: 'p-requester' });
    expect(await entity('p-requester', 'RequestedItem', item.id, 'id number')).toEqual({ id: item.id, number: item.number });
    expect(await entity('p-fulfiller', 'FulfilmentTask', task.id, 'id key')).toEqual({ id: task.id, key: 'deliver' });
    expect(await entity('p-fulfiller', 'FulfilmentTaskView', task.id, 'id requestNumber')).toEqual({ id: task.id, requestNumber: request.number });
    // Who may not read them is told nothing exists.
    expect(await entity('p-other', 'ServiceRequest', request.id, 'id')).toBe(CatalogueErrorCode.NotFound);
    expect(await entity('p-other', 'RequestedItem', item.id, 'id')).toBe(CatalogueErrorCode.NotFound);
    expect(await entity('p-requester', 'FulfilmentTask', task.id, 'id')).toBe(CatalogueErrorCode.NotFound);
    expect(await entity('p-supplier', 'FulfilmentTaskView', task.id, 'id')).toBe(CatalogueErrorCode.NotFound);
  });
});
