import { Clock } from '@itsm/platform/config';
import { expectEventually } from '@itsm/testing';
import { ActOnFulfilmentTaskCommand } from './application/commands/act-on-fulfilment-task/act-on-fulfilment-task.command';
import { ActOnFulfilmentTaskHandler } from './application/commands/act-on-fulfilment-task/act-on-fulfilment-task.handler';
import { OrderCatalogItemsCommand } from './application/commands/order-catalog-items/order-catalog-items.command';
import { OrderCatalogItemsHandler } from './application/commands/order-catalog-items/order-catalog-items.handler';
import { RequestNumbers, ServiceRequestStore } from './application/ports/service-request-store.port';
import { RequestDirectory } from './application/request-directory.service';
import { demoItems } from './application/test-fixtures/request-world';
import type { ServiceRequest } from './domain/request';
import { bootCatalogueContext } from './test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext, GraphqlAnswer } from './test-fixtures/booted-catalogue-context';


const REQUEST_FIELDS = 'id number state requestedById requestedForId items { id number state catalogItemVersion tasks { id key state groupId supplierOrgId } approval { outcome levels { name status approverIds } } } comments { visibility text }';

/**
 * Requests on the peers: a cart ordered with the app's store, numbers and directory (items from the
 * demo catalogue in memory), then through GraphQL: the requester reads it and another person does
 * not, the manager finds it among their approvals and decides, the approvers' quorum releases the
 * plan, a fulfiller's and the supplier's tasks run, and every event goes out in order on
 * `itsm.request.v1`.
 */
describe('service requests on the peers', () => {
  let booted: BootedCatalogueContext;
  const tokens = new Map<string, string>();
  const as = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => {
    let token = tokens.get(who);
    if (token === undefined) {
      token = who === 'p-supplier' ? await booted.token(who, ['supplier-agent']) : await booted.token(who, ['requester']);
      tokens.set(who, token);
    }
    return booted.graphql(token, query, variables);
  };

  beforeAll(async () => {
    booted = await bootCatalogueContext();
  });
  afterAll(() => booted.close());

  async function order(): Promise<ServiceRequest> {
    const { app } = booted;
    const handler = new OrderCatalogItemsHandler(app.get(ServiceRequestStore), app.get(RequestNumbers), app.get(RequestDirectory), app.get(Clock), demoItems());
    const viewer = { userId: 'p-requester', name: 'p-requester', roles: ['requester'] as const, orgId: 'contoso' };
    return handler.execute(
      { ...viewer, roles: [...viewer.roles] },
      new OrderCatalogItemsCommand([
        { itemId: 'laptop', quantity: 1, variables: { model: 'x1', dock: false, cost_centre: 'CC-0001' } },
        { itemId: 'mouse', quantity: 1, variables: {} },
      ]),
    );
  }

  it('acceptance (requests lane): approvals through GraphQL, the graph run, item and request closed, every event in order', async () => {
    const ordered = await order();
    expect(ordered.number).toMatch(/^REQ[0-9]{7}$/);
    const laptop = ordered.items[0];
    const taskOf = (key: string) => laptop?.tasks.find((t) => t.key === key)?.id ?? '';

    const mine = await as('p-requester', `query($id: ID!) { request(id: $id) { ${REQUEST_FIELDS} } }`, { id: ordered.id });
    expect(mine.data?.request).toMatchObject({ number: ordered.number, state: 'open', requestedForId: 'p-requester' });
    const other = await as('p-other', 'query($id: ID!) { request(id: $id) { id } }', { id: ordered.id });
    expect(other.errors?.[0]?.extensions?.code).toBe('CATALOGUE.NOT_FOUND');

    const approvals = await as('p-manager', 'query { myApprovals { edges { node { requestNumber item { number } levels { name } } } } }');
    expect(approvals.data?.myApprovals).toEqual({ edges: [{ node: { requestNumber: ordered.number, item: { number: laptop?.number }, levels: [{ name: 'Manager' }] } }] });
    const decide = 'mutation($item: ID!) { decideRequestApproval(requestedItemId: $item, decision: approved) { items { state } } }';
    expect((await as('p-approver-1', decide, { item: laptop?.id })).errors?.[0]?.extensions?.code).toBe('CATALOGUE.FORBIDDEN');
    for (const approver of ['p-manager', 'p-approver-1', 'p-approver-2']) expect((await as(approver, decide, { item: laptop?.id })).errors).toBeUndefined();

    const act = booted.app.get(ActOnFulfilmentTaskHandler);
    const supplier = { userId: 'p-supplier', name: 'p-supplier', roles: ['supplier-agent' as const], orgId: 'fabrikam' };
    const fulfiller = { userId: 'p-fulfiller', name: 'p-fulfiller', roles: ['agent' as const], orgId: 'contoso' };
    await expect(act.execute(supplier, new ActOnFulfilmentTaskCommand(taskOf('order'), 'complete'))).rejects.toMatchObject({ code: 'CATALOGUE.FORBIDDEN' });
    await act.execute(supplier, new ActOnFulfilmentTaskCommand(taskOf('image'), 'complete'));
    await act.execute(fulfiller, new ActOnFulfilmentTaskCommand(taskOf('order'), 'complete'));
    await act.execute(fulfiller, new ActOnFulfilmentTaskCommand(taskOf('hand-over'), 'complete'));
    const closed = await act.execute(fulfiller, new ActOnFulfilmentTaskCommand(ordered.items[1]?.tasks[0]?.id ?? '', 'complete'));
    expect(closed.state).toBe('closed_complete');

    const stream = () => booted.published.filter((e) => e.type.startsWith('itsm.request.') && (e.data as { requestId?: string }).requestId === ordered.id);
    await expectEventually(() => expect(stream().at(-1)?.type).toBe('itsm.request.state-changed.v1'));
    expect(stream().map((e) => e.sequence)).toEqual(stream().map((_, i) => i + 1));
    expect(new Set(stream().map((e) => e.subject)).size).toBe(1);
    const itemMoves = stream().flatMap((e) => (e.type === 'itsm.request.item-state-changed.v1' ? [`${(e.data as { item: { number: string; state: string } }).item.number}:${(e.data as { item: { state: string } }).item.state}`] : []));
    expect(itemMoves).toEqual([`${ordered.items[1]?.number}:approved`, `${laptop?.number}:approved`, `${laptop?.number}:in_fulfilment`, `${laptop?.number}:closed_complete`, `${ordered.items[1]?.number}:closed_complete`]);
  });

  it('cancels through GraphQL only for the requester; a requester reads public comments only', async () => {
    const ordered = await order();
    const comment = 'mutation($id: ID!, $v: RequestCommentVisibility!, $t: String!) { addRequestComment(requestId: $id, visibility: $v, text: $t) }';
    expect((await as('p-requester', comment, { id: ordered.id, v: 'internal', t: 'note' })).errors?.[0]?.extensions?.code).toBe('CATALOGUE.FORBIDDEN');
    expect((await as('p-requester', comment, { id: ordered.id, v: 'public', t: 'please hurry' })).data?.addRequestComment).toBe(true);
    expect((await as('p-fulfiller', comment, { id: ordered.id, v: 'internal', t: 'stock low' })).errors).toBeUndefined();
    const read = await as('p-requester', `query($id: ID!) { request(id: $id) { comments { visibility text } } }`, { id: ordered.id });
    expect(read.data?.request).toEqual({ comments: [{ visibility: 'public', text: 'please hurry' }] });

    const cancel = 'mutation($id: ID!) { cancelRequest(id: $id, reason: "ordered twice") { state items { state } } }';
    expect((await as('p-fulfiller', cancel, { id: ordered.id })).errors?.[0]?.extensions?.code).toBe('CATALOGUE.FORBIDDEN');
    expect((await as('p-requester', cancel, { id: ordered.id })).data?.cancelRequest).toEqual({ state: 'canceled', items: [{ state: 'canceled' }, { state: 'canceled' }] });
    const list = await as('p-requester', 'query { requests(first: 1, filter: { states: [canceled] }) { edges { node { number } } pageInfo { hasNextPage } } }');
    expect(list.data?.requests).toEqual({ edges: [{ node: { number: ordered.number } }], pageInfo: { hasNextPage: false } });
  });

  it('orderCatalogItems through GraphQL refuses an unknown item naming the line, and variables that are not JSON; nothing is written', async () => {
    const orderQuery = 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { number } }';
    const unknown = await as('p-requester', orderQuery, { input: { lines: [{ itemId: 'no-such-item', quantity: 1 }] } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'CATALOGUE.NOT_FOUND', details: { line: 0, itemId: 'no-such-item' } });
    const notJson = await as('p-requester', orderQuery, { input: { lines: [{ itemId: 'no-such-item', quantity: 1, variables: '{model:' }] } });
    expect(notJson.errors?.[0]?.extensions).toMatchObject({ code: 'CATALOGUE.INVALID_INPUT', details: { field: 'variables', line: 0 } });
    const list = await as('p-customer', 'query { requests { edges { node { id } } } }');
    expect(list.data?.requests).toEqual({ edges: [] });
  });
});
