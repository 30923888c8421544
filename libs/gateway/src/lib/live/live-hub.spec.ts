import { buildSchema, GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { LIVE_FEEDS } from './live-feeds';
import { ConcurrencyLimit, LiveHub } from './live-hub';
import type { RequeryOutcome } from './live-hub';
import { liveSchema, prepareLiveOperation } from './live-operation';
import type { LiveOperation } from './live-operation';

const schema = liveSchema(buildSchema('type Query { incident(id: ID): Incident! } enum IncidentState { new resolved } type Incident { id: ID! title: String! state: IncidentState! }'), LIVE_FEEDS);
const operation = prepareLiveOperation(schema, LIVE_FEEDS, { query: 'subscription { incidentChanged { id title } }' }, []) as LiveOperation;
const FIELD = 'incidentChanged';

/** A requery the test answers by hand, recording the ids asked. */
function manualRequery() {
  const asked: string[] = [];
  const waiting: ((outcome: RequeryOutcome) => void)[] = [];
  const requery = (id: string, filter = false): Promise<RequeryOutcome> => {
    asked.push(filter ? `filter ${id}` : id);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const answer = (outcome: RequeryOutcome = { kind: 'answer', result: { data: { incident: { id: asked[asked.length - 1], title: 't' } } } }) => waiting.shift()!(outcome);
  return { asked, requery, answer, pending: () => waiting.length };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveStream', () => {
  it('queries an entity changed again while it waits once, and one changed while its query runs again after', async () => {
    const hub = new LiveHub();
    const manual = manualRequery();
    const stream = hub.open(operation, manual.requery);
    hub.publish(FIELD, 'a');
    const first = stream.next();
    await tick();
    hub.publish(FIELD, 'a'); // during a's query
    hub.publish(FIELD, 'b');
    hub.publish(FIELD, 'b');
    hub.publish('changeChanged', 'c'); // another feed
    manual.answer();
    expect((await first).value).toEqual({ data: { incidentChanged: { id: 'a', title: 't' } } });
    const second = stream.next();
    await tick();
    manual.answer();
    expect((await second).value).toEqual({ data: { incidentChanged: { id: 'a', title: 't' } } });
    const third = stream.next();
    await tick();
    manual.answer();
    expect((await third).value).toEqual({ data: { incidentChanged: { id: 'b', title: 't' } } });
    expect(manual.asked).toEqual(['a', 'a', 'b']);
  });

  it("asks only the subscribers a change is meant for (by id, or by user name in any case), everyone when it names none", async () => {
    const hub = new LiveHub();
    const alice = manualRequery();
    const bob = manualRequery();
    const anonymous = manualRequery();
    const streams = [hub.open(operation, alice.requery, 'Alice@Contoso.example'), hub.open(operation, bob.requery, 'n-bob'), hub.open(operation, anonymous.requery)];
    hub.publish(FIELD, 'for-alice', ['n-alice', 'alice@contoso.example']);
    hub.publish(FIELD, 'for-bob', ['n-bob', 'bob@contoso.example']);
    hub.publish(FIELD, 'for-all');
    const nexts = streams.map((stream) => stream.next());
    await tick();
    expect([alice.asked, bob.asked, anonymous.asked]).toEqual([['for-alice'], ['for-bob'], ['for-all']]);
    for (const manual of [alice, bob, anonymous]) manual.answer();
    await Promise.all(nexts);
    void streams[0]?.next();
    void streams[1]?.next();
    await tick();
    expect([alice.asked, bob.asked, anonymous.asked]).toEqual([['for-alice', 'for-all'], ['for-bob', 'for-all'], ['for-all']]);
    await hub.close();
  });

  it('skips changes the subscriber may not see and serves the next', async () => {
    const hub = new LiveHub();
    const manual = manualRequery();
    const stream = hub.open(operation, manual.requery);
    hub.publish(FIELD, 'hidden');
    hub.publish(FIELD, 'shown');
    const next = stream.next();
    await tick();
    manual.answer({ kind: 'answer', result: { data: null, errors: [new GraphQLError('not found', { extensions: { code: 'INCIDENT.NOT_FOUND' } })] } });
    await tick();
    manual.answer();
    expect((await next).value).toEqual({ data: { incidentChanged: { id: 'shown', title: 't' } } });
  });

  it("drops changes of entities its filter's ids leave out, and queries the filter's fields first (its own query only when they match)", async () => {
    const filtered = prepareLiveOperation(schema, LIVE_FEEDS, { query: 'subscription { incidentChanged(filter: { ids: ["a", "b"], states: [new] }) { id title } }' }, []) as LiveOperation;
    const hub = new LiveHub();
    const manual = manualRequery();
    const stream = hub.open(filtered, manual.requery);
    for (const id of ['x', 'a', 'b']) hub.publish(FIELD, id);
    const next = stream.next();
    await tick();
    manual.answer({ kind: 'answer', result: { data: { incident: { state: 'resolved' } } } });
    await tick();
    manual.answer({ kind: 'answer', result: { data: { incident: { state: 'new' } } } });
    await tick();
    manual.answer({ kind: 'answer', result: { data: { incident: { id: 'b', title: 't' } } } });
    expect((await next).value).toEqual({ data: { incidentChanged: { id: 'b', title: 't' } } });
    expect(manual.asked).toEqual(['filter a', 'filter b', 'b']);
  });

  it('ends with GATEWAY.SUBSCRIPTION_OVERFLOW when more distinct changes wait than its bound, and leaves the hub', async () => {
    const hub = new LiveHub({ maxPending: 2 });
    const manual = manualRequery();
    const stream = hub.open(operation, manual.requery);
    for (const id of ['a', 'b', 'b', 'c']) hub.publish(FIELD, id);
    const overflow = (await stream.next()).value as ExecutionResult;
    expect(overflow.errors?.map((error) => error.extensions?.['reason'])).toEqual(['GATEWAY.SUBSCRIPTION_OVERFLOW']);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect([hub.size, manual.asked]).toEqual([0, []]);
  });

  it('ends with the errors of a re-query the gateway refused (an expired token: 401)', async () => {
    const hub = new LiveHub();
    const manual = manualRequery();
    const stream = hub.open(operation, manual.requery);
    hub.publish(FIELD, 'a');
    const next = stream.next();
    await tick();
    const expired = { errors: [new GraphQLError('token expired', { extensions: { code: 'UNAUTHENTICATED' } })] };
    manual.answer({ kind: 'end', result: expired });
    expect((await next).value).toBe(expired);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
  });

  it('ends a reader waiting for changes when it is returned (the subscriber left), and counts open subscriptions per field', async () => {
    const counts: [string, number][] = [];
    const hub = new LiveHub({ onCount: (field, open) => counts.push([field, open]) });
    const stream = hub.open(operation, manualRequery().requery);
    hub.open(operation, manualRequery().requery);
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect([hub.size, counts]).toEqual([1, [[FIELD, 1], [FIELD, 2], [FIELD, 1]]]);
  });
});

describe('ConcurrencyLimit', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
          return index;
        }),
      ),
    );
    expect([most, done.length]).toEqual([3, 20]);
  });
});
