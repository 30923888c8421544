import { createEnvelope, defineTopicFamily, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import type { OutboxStore, PendingEvents } from '@itsm/platform/persistence';
import { Type } from '@sinclair/typebox';
import { OutboxRelay } from './outbox-relay';

const family = defineTopicFamily({
  template: 'itsm.party.{partyId}.out.v1',
  parameter: { name: 'partyId', description: 'a party id' },
  writer: 'platform',
  aggregate: 'party-ticket',
  partitions: 3,
  events: { 'itsm.party.sent.v1': Type.Object({ n: Type.Integer() }) },
});

function event(subject: string, sequence: number): EventEnvelope {
  return createEnvelope({ id: `${subject}-${sequence}`, source: '/spec', type: 'itsm.party.sent.v1', subject, time: new Date(0), data: { n: sequence }, sequence, correlationid: 'c' });
}

/** A store whose documents each name their own topic (or none: the store's). */
class FakeStore implements OutboxStore {
  readonly topic = 'itsm.party.{partyId}.out.v1';
  readonly marked: string[] = [];
  constructor(private items: PendingEvents[]) {}

  async pending(): Promise<readonly PendingEvents[]> {
    return this.items;
  }

  async markPublished(item: PendingEvents): Promise<void> {
    this.marked.push(item.aggregateId);
    this.items = this.items.filter((other) => other !== item);
  }
}

describe('OutboxRelay with topics named per document', () => {
  it('publishes each document to its own topic, in order, and marks it published', async () => {
    const store = new FakeStore([
      { aggregateId: 'a', version: 1, topic: 'itsm.party.acme.out.v1', events: [event('t1', 1), event('t1', 2)] },
      { aggregateId: 'b', version: 1, topic: 'itsm.party.globex.out.v1', events: [event('t2', 1)] },
      { aggregateId: 'c', version: 1, topic: 'itsm.party.acme.out.v1', events: [event('t3', 1)] },
    ]);
    const sent: { topic: string; ids: string[] }[] = [];
    const bus = { publishEnvelopes: async (topic: string, events: readonly EventEnvelope[]) => void sent.push({ topic, ids: events.map((e) => e.id) }) };
    const relay = new OutboxRelay([store], bus, { pollIntervalMs: 10, batchSize: 10 }, () => undefined, new TopicRegistry([], [family]));

    await expect(relay.drain()).resolves.toBe(4);

    expect(sent).toEqual([
      { topic: 'itsm.party.acme.out.v1', ids: ['t1-1', 't1-2', 't3-1'] },
      { topic: 'itsm.party.globex.out.v1', ids: ['t2-1'] },
    ]);
    expect(store.marked.sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps a document naming a topic the registry does not know pending, reports it, and still publishes the others', async () => {
    const store = new FakeStore([
      { aggregateId: 'bad', version: 1, topic: 'itsm.other.acme.out.v1', events: [event('t1', 1)] },
      { aggregateId: 'good', version: 1, topic: 'itsm.party.acme.out.v1', events: [event('t2', 1)] },
    ]);
    const sent: string[] = [];
    const errors: string[] = [];
    const bus = { publishEnvelopes: async (topic: string) => void sent.push(topic) };
    const relay = new OutboxRelay([store], bus, { pollIntervalMs: 10, batchSize: 10 }, (error) => errors.push((error as Error).message), new TopicRegistry([], [family]));

    await expect(relay.drain()).resolves.toBe(1);

    expect(sent).toEqual(['itsm.party.acme.out.v1']);
    expect(store.marked).toEqual(['good']);
    expect(errors.join('\n')).toContain('itsm.other.acme.out.v1');
  });

  it("publishes a document without a topic of its own to the store's topic", async () => {
    const store = new FakeStore([{ aggregateId: 'a', version: 1, events: [event('t1', 1)] }]);
    const sent: string[] = [];
    const relay = new OutboxRelay([store], { publishEnvelopes: async (topic: string) => void sent.push(topic) }, { pollIntervalMs: 10, batchSize: 10 });

    await relay.drain();

    expect(sent).toEqual(['itsm.party.{partyId}.out.v1']);
  });
});
