import { TopicRegistry } from '@itsm/contracts';
import { connectContext, MongoOutboxStore, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta } from '@itsm/platform/persistence';
import { expectEventually, probeStream, probeTopic, testPeers, uniqueTopicName } from '@itsm/testing';
import type { Model } from 'mongoose';
import type { Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { readKafkaTopic, TEST_CONSUMER } from '../test-fixtures/buses';
import { EffectStore } from '../test-fixtures/effect-store';
import { counterRepository, increment } from '../test-fixtures/probe-aggregate';
import { spawnFixture } from '../test-fixtures/spawn-fixture';
import type { Fixture } from '../test-fixtures/spawn-fixture';
import { KafkaEventBus } from './kafka/kafka-event-bus';
import { OutboxRelay } from './outbox/outbox-relay';

const count = (text: string, letter: string) => text.split('\n').filter((line) => line === letter).length;

describe('crash recovery on the Kafka and MongoDB peers', () => {
  const fixtures: Fixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((f) => f.kill('SIGKILL')));
  });

  it.each([false, true])('a consumer killed with SIGKILL mid-stream loses no event, and the redelivered duplicates take no second effect (batch delivery: %s)', async (batch) => {
    const { kafkaBrokers, mongoUrl } = testPeers();
    const topic = probeTopic(uniqueTopicName('sigkill'));
    const context = `sigkill_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const producer = new KafkaEventBus(new TopicRegistry([topic]), {
      connection: { brokers: kafkaBrokers, clientId: 'crash-producer', ssl: false, idempotent: false },
      consumer: TEST_CONSUMER,
    });
    const events = probeStream(10, 1000);
    for (let i = 0; i < events.length; i += 250) await producer.publish(topic.name, events.slice(i, i + 250));
    await producer.close();

    const effects = await EffectStore.open(mongoUrl, context);
    try {
      // No offset is committed before the kill (60 s interval): everything it handled comes again.
      const args = { brokers: kafkaBrokers, mongoUrl, context, topic: topic.name, group: `g-${context}`, delayMs: 2, batch };
      const first = spawnFixture('consumer-worker.ts', { ...args, autoCommitIntervalMs: 60_000 });
      fixtures.push(first);
      await expectEventually(async () => expect(await effects.total()).toBeGreaterThanOrEqual(200), { timeoutMs: 60_000 });
      await first.kill('SIGKILL');
      const appliedBeforeKill = await effects.total();
      expect(appliedBeforeKill).toBeLessThan(1000);

      const second = spawnFixture('consumer-worker.ts', { ...args, autoCommitIntervalMs: 200 });
      fixtures.push(second);
      await expectEventually(async () => expect(await effects.total()).toBe(1000), { timeoutMs: 90_000 });

      const expected = Array.from({ length: 100 }, (_, i) => i + 1);
      const all = await effects.all();
      expect(all).toHaveLength(10);
      for (const effect of all) {
        expect(effect.count).toBe(100);
        expect(effect.sequences).toEqual(expected);
      }
      // The restarted consumer applied exactly what was missing, and really saw redelivered events.
      await expectEventually(() => expect(count(second.stdout(), 'A')).toBe(1000 - appliedBeforeKill));
      expect(count(second.stdout(), 'D')).toBeGreaterThan(0);
    } finally {
      await effects.close();
    }
  });

  it('a writer killed after the MongoDB write and before publishing: the relay publishes after restart, and never a write that failed', async () => {
    const { kafkaBrokers, mongoUrl } = testPeers();
    const topic = probeTopic(uniqueTopicName('outbox'));
    const context = `outbox_${randomUUID().slice(0, 8).replace(/-/g, '')}`;

    const writer = spawnFixture('outbox-writer.ts', { mongoUrl, context, counters: 5, increments: 4 });
    fixtures.push(writer);
    await expectEventually(() => expect(writer.stdout()).toMatch(/^written /), { timeoutMs: 60_000 });
    await writer.kill('SIGKILL');
    const written = (writer.stdout().trim().split(' ')[1] ?? '').split(',');
    expect(written).toHaveLength(20);

    const connection = await connectContext({ url: mongoUrl, dbPrefix: 'itsm_test' }, context);
    const bus = new KafkaEventBus(new TopicRegistry([topic]), {
      connection: { brokers: kafkaBrokers, clientId: 'relay', ssl: false, idempotent: false },
      consumer: TEST_CONSUMER,
    });
    try {
      // A write that loses the optimistic-concurrency race never reaches the outbox.
      const repository = counterRepository(connection);
      const [anyCounter] = await connection.collection('counters').find({}).limit(1).toArray();
      const loaded = await repository.load(anyCounter?._id as Types.ObjectId);
      if (loaded === undefined) throw new Error('the writer wrote nothing');
      const winner = increment(loaded.id, loaded.aggregate, 1);
      const loser = increment(loaded.id, loaded.aggregate, 100);
      await repository.save(loaded, winner.counter, [winner.event]);
      await expect(repository.save(loaded, loser.counter, [loser.event])).rejects.toMatchObject({ code: PersistenceErrorCode.Conflict });

      const store = new MongoOutboxStore(topic.name, connection.model('Counter') as unknown as Model<AggregateDocumentMeta>);
      const relay = new OutboxRelay([store], bus);
      expect(await relay.drain()).toBe(21);
      expect(await relay.drain()).toBe(0);

      const published = await readKafkaTopic(kafkaBrokers, topic.name, 21);
      const ids = published.map((r) => String(r.headers?.['ce_id']));
      expect(ids.sort()).toEqual([...written, winner.event.id].sort());
      expect(ids).not.toContain(loser.event.id);
      const reloaded = await repository.load(loaded.id);
      expect(reloaded?.aggregate.total).toBe(loaded.aggregate.total + 1);
    } finally {
      await bus.close();
      await connection.close();
    }
  });
});
