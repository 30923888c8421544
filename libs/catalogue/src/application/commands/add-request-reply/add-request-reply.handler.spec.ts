import type { Principal } from '@itsm/platform/auth';
import { CatalogueErrorCode } from '../../../domain/catalogue.errors';
import type { ServiceRequest } from '../../../domain/request';
import { requestWorld } from '../../test-fixtures/request-world';
import type { RequestWorld } from '../../test-fixtures/request-world';
import { OrderCatalogItemsCommand } from '../order-catalog-items/order-catalog-items.command';
import { AddRequestReplyCommand } from './add-request-reply.command';
import { AddRequestReplyHandler } from './add-request-reply.handler';

const REQUESTER: Principal = { userId: 'p-requester', name: 'p-requester', roles: ['requester'], orgId: 'contoso' };

describe('AddRequestReplyHandler (a notification reply becomes a comment on a request)', () => {
  let world: RequestWorld;
  let handler: AddRequestReplyHandler;
  let ordered: ServiceRequest;
  const commentEvents = () => world.store.events().filter((e) => e.type === 'itsm.request.comment-added.v1');
  const comments = async () => (await world.store.byId(ordered.id))?.comments ?? [];

  beforeEach(async () => {
    world = await requestWorld();
    handler = new AddRequestReplyHandler(world.directory, world.comment);
    ordered = await world.order.execute(REQUESTER, new OrderCatalogItemsCommand([{ itemId: 'mouse', quantity: 1, variables: {} }]));
  });

  it("adds the requester's reply as their public comment, with the reply's id, once however often it comes", async () => {
    await handler.execute(new AddRequestReplyCommand(ordered.id, 'r-1', 'p-requester', 'Any news?'));
    await handler.execute(new AddRequestReplyCommand(ordered.id, 'r-1', 'p-requester', 'Any news?'));
    expect(commentEvents().map((e) => e.data)).toEqual([expect.objectContaining({ commentId: 'r-1', visibility: 'public', text: 'Any news?' })]);
    expect(await comments()).toEqual([expect.objectContaining({ id: 'r-1', visibility: 'public', by: 'p-requester', text: 'Any news?' })]);
  });

  it("takes a member of the task's group for a fulfiller (group roles from the directory)", async () => {
    await handler.execute(new AddRequestReplyCommand(ordered.id, 'r-2', 'p-fulfiller', 'Shipped today.'));
    expect((await comments()).map((c) => [c.id, c.by])).toEqual([['r-2', 'p-fulfiller']]);
  });

  it('refuses, as GraphQL does, who may not see the request (a supplier agent, a stranger), a deactivated or unknown person and an unknown request (CATALOGUE.NOT_FOUND), saving nothing', async () => {
    for (const personId of ['p-supplier', 'p-customer']) {
      await expect(handler.execute(new AddRequestReplyCommand(ordered.id, `r-${personId}`, personId, 'Hello?'))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound, details: { requestId: ordered.id } });
    }
    for (const personId of ['p-gone', 'p-unknown']) {
      // The same answer whether the request exists or not (as incident replies answer): an outsider learns nothing of it.
      for (const requestId of [ordered.id, 'ffffffffffffffffffffffff']) {
        await expect(handler.execute(new AddRequestReplyCommand(requestId, `r-${personId}`, personId, 'Hello?'))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound, details: { personId } });
      }
    }
    await expect(handler.execute(new AddRequestReplyCommand('ffffffffffffffffffffffff', 'r-3', 'p-requester', 'Hello?'))).rejects.toMatchObject({ code: CatalogueErrorCode.NotFound });
    expect(commentEvents()).toEqual([]);
  });
});
