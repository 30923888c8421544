import { notificationTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DLQ_HEADERS } from '@itsm/platform/messaging';
import { expectEventually, NotificationFeed } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { bootCatalogueContext } from '../test-fixtures/booted-catalogue-context';
import type { BootedCatalogueContext } from '../test-fixtures/booted-catalogue-context';

const ORDER = 'mutation($input: OrderCatalogItemsInput!) { orderCatalogItems(input: $input) { id } }';
const COMMENTS = 'query($id: ID!) { request(id: $id) { comments { visibility text by } } }';

/** Replies to notification mails (itsm.notification.v1 reply-received) becoming comments on requests, once each, on the peers. */
describe('notification replies to requests', () => {
  const notification = new NotificationFeed();
  let booted: BootedCatalogueContext;
  let requestId: string;

  const reply = (replyId: string, personId: string, body: string, ticketId = requestId, ticketTopic = 'itsm.request.v1') => notification.replyReceived({ ticketTopic, ticketId, replyId, personId, body });
  const commentsAdded = (): EventEnvelope[] => booted.published.filter((e) => e.type === 'itsm.request.comment-added.v1' && (e.data as { requestId: string }).requestId === requestId);
  const ids = () => commentsAdded().map((e) => (e.data as { commentId: string }).commentId);

  beforeAll(async () => {
    booted = await bootCatalogueContext();
    const category = await booted.ok<{ id: string }>('p-catadmin', 'mutation { saveCatalogCategory(input: { name: "Peripherals" }) { id } }');
    const plan = [{ key: 'deliver', title: 'Deliver the mouse', groupId: 'g-service-desk' }];
    const input = { name: 'Mouse', categoryId: category.id, form: [], plan, price: { currency: 'EUR', oneOffMinor: 2_500, recurringMonthlyMinor: 0 }, leadTimeDays: 2 };
    const item = await booted.ok<{ id: string }>('p-catadmin', 'mutation($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id } }', { input });
    requestId = (await booted.ok<{ id: string }>('p-requester', ORDER, { input: { lines: [{ itemId: item.id, quantity: 1, variables: '{}' }] } })).id;
  });
  afterAll(() => booted.close());

  it("adds a reply as the replier's public comment once, however often it is delivered, caused by the reply", async () => {
    const first = reply('aaaaaaaaaaaaaaaaaaaaaaa1', 'p-requester', 'Any news on my mouse?');
    await booted.bus.publishEnvelopes(notificationTopic.name, [first, first, { ...first, id: randomUUID() }]);
    await booted.bus.publishEnvelopes(notificationTopic.name, [reply('aaaaaaaaaaaaaaaaaaaaaaa2', 'p-fulfiller', 'Shipped today.')]);
    await expectEventually(() => expect(commentsAdded().map((e) => [e.data, e.causationid])).toEqual([
      [expect.objectContaining({ commentId: 'aaaaaaaaaaaaaaaaaaaaaaa1', visibility: 'public', text: 'Any news on my mouse?', by: 'p-requester' }), first.id],
      [expect.objectContaining({ commentId: 'aaaaaaaaaaaaaaaaaaaaaaa2', visibility: 'public', text: 'Shipped today.', by: 'p-fulfiller' }), expect.any(String)],
    ]));
    expect(await booted.ok('p-requester', COMMENTS, { id: requestId })).toEqual({
      comments: [
        { visibility: 'public', text: 'Any news on my mouse?', by: 'p-requester' },
        { visibility: 'public', text: 'Shipped today.', by: 'p-fulfiller' },
      ],
    });
  });

  it("dead-letters with its code who may not comment and an unknown request, leaves other tickets' replies alone, then goes on", async () => {
    await booted.bus.publishEnvelopes(notificationTopic.name, [
      reply('bbbbbbbbbbbbbbbbbbbbbbb1', 'p-supplier', 'Not my request.'),
      reply('bbbbbbbbbbbbbbbbbbbbbbb2', 'p-gone', 'Who am I?'),
      reply('bbbbbbbbbbbbbbbbbbbbbbb3', 'p-requester', 'Lost.', 'ffffffffffffffffffffffff'),
      reply('bbbbbbbbbbbbbbbbbbbbbbb4', 'p-requester', 'About an incident.', requestId, 'itsm.incident.v1'),
    ]);
    await booted.bus.publishEnvelopes(notificationTopic.name, [reply('bbbbbbbbbbbbbbbbbbbbbbb5', 'p-requester', 'Thanks!')]);
    await expectEventually(() => expect(ids()).toEqual(['aaaaaaaaaaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaaaaaaaaaa2', 'bbbbbbbbbbbbbbbbbbbbbbb5']));
    // Keyed by ticket: the unknown request's reply goes to another partition, in its own time.
    const deadLetters = () => booted.bus.records(`${notificationTopic.name}.dlq`).map((record) => String(record.headers[DLQ_HEADERS.reason]).replace(/^MessagingError: /, '')).sort();
    await expectEventually(() => expect(deadLetters()).toEqual(['CATALOGUE.NOT_FOUND: No active person p-gone.', `CATALOGUE.NOT_FOUND: No request ${requestId}.`, 'CATALOGUE.NOT_FOUND: No request ffffffffffffffffffffffff.'].sort()));
  });
});
