/**
 * npm run bench:bus — events/s and publish-to-handled latency through the event bus on the Kafka
 * peer, next to raw kafkajs produce-to-consume of the same records on the same broker, in the same
 * run (alternating rounds; best round of each reported). Target: bus throughput >= 0.5 x raw.
 * The last line printed is one JSON object with the figures.
 */
import { percentile } from '@itsm/bench-kit';
import { encodeEnvelope, TopicRegistry } from '@itsm/contracts';
import { KafkaEventBus } from '@itsm/platform/messaging';
import { probeStream, probeTopic, startKafkaPeer, uniqueTopicName } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 50_000);
const KEYS = 100;
const BATCH = 500;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const CONSUMER = { sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 20 };

interface Round { eventsPerSecond: number; p50Ms: number; p99Ms: number }

function summarise(sentAt: Float64Array, handledAt: Float64Array, started: number, finished: number): Round {
  const latency = new Float64Array(sentAt.length);
  for (let i = 0; i < sentAt.length; i++) latency[i] = (handledAt[i] as number) - (sentAt[i] as number);
  latency.sort();
  return { eventsPerSecond: Math.round((sentAt.length / (finished - started)) * 1000), p50Ms: +percentile(latency, 0.5).toFixed(2), p99Ms: +percentile(latency, 0.99).toFixed(2) };
}

function waitFor(predicate: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() > deadline) return reject(new Error('benchmark timed out'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

async function rawRound(brokers: string[]): Promise<Round> {
  const topic = uniqueTopicName('bench-raw');
  const records = probeStream(KEYS, EVENTS).map((event) => encodeEnvelope(event));
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: true });
  const consumer = kafka.consumer({ groupId: `raw-${randomUUID()}`, ...CONSUMER });
  const sentAt = new Float64Array(EVENTS);
  const handledAt = new Float64Array(EVENTS);
  let handled = 0;
  let warm = false;
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: 'warm', value: Buffer.from('{"n":-1}') }] });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const message of batch.messages) {
        const { n } = JSON.parse(message.value?.toString() ?? '{}') as { n: number };
        if (n < 0) warm = true;
        else {
          handledAt[n] = performance.now();
          handled++;
        }
        resolveOffset(message.offset);
      }
      await heartbeat();
    },
  });
  await waitFor(() => warm);
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const now = performance.now();
    for (let j = i; j < Math.min(i + BATCH, EVENTS); j++) sentAt[j] = now;
    // The raw side carries the index as `n` so its consumer can time each record.
    await producer.send({ topic, acks: -1, messages: records.slice(i, i + BATCH).map((r, k) => ({ key: r.key, value: Buffer.from(`{"key":"${r.key}","n":${i + k}}`), headers: r.headers })) });
  }
  await waitFor(() => handled === EVENTS);
  const result = summarise(sentAt, handledAt, started, performance.now());
  await consumer.disconnect();
  await producer.disconnect();
  return result;
}

async function busRound(brokers: string[]): Promise<Round> {
  const topic = probeTopic(uniqueTopicName('bench-bus'));
  const bus = new KafkaEventBus(new TopicRegistry([topic]), {
    connection: { brokers, clientId: 'bench-bus', ssl: false, idempotent: false },
    consumer: { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 4_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 20 },
  });
  const events = probeStream(KEYS, EVENTS).map((event, n) => ({ ...event, data: { key: event.subject, n } }));
  const sentAt = new Float64Array(EVENTS);
  const handledAt = new Float64Array(EVENTS);
  let handled = 0;
  let warm = false;
  await bus.subscribe({
    group: `bus-${randomUUID()}`,
    topics: [topic.name],
    handle: (event) => {
      if (event.envelope.subject === 'warm') warm = true;
      else {
        handledAt[(event.envelope.data as { n: number }).n] = performance.now();
        handled++;
      }
      return Promise.resolve();
    },
  });
  await bus.publish(topic.name, [{ ...probeStream(1, 1, 'warm')[0]!, subject: 'warm', data: { key: 'warm', n: 0 } }]);
  await bus.start();
  await waitFor(() => warm);
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const now = performance.now();
    for (let j = i; j < Math.min(i + BATCH, EVENTS); j++) sentAt[j] = now;
    await bus.publish(topic.name, events.slice(i, i + BATCH));
  }
  await waitFor(() => handled === EVENTS);
  const result = summarise(sentAt, handledAt, started, performance.now());
  await bus.close();
  return result;
}

async function main(): Promise<void> {
  const peer = await startKafkaPeer();
  try {
    const raw: Round[] = [];
    const bus: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      raw.push(await rawRound(peer.brokers));
      bus.push(await busRound(peer.brokers));
      console.log(`round ${round}: raw ${JSON.stringify(raw.at(-1))} bus ${JSON.stringify(bus.at(-1))}`);
    }
    const best = (rounds: Round[]) => rounds.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
    const r = best(raw);
    const b = best(bus);
    const ratio = +(b.eventsPerSecond / r.eventsPerSecond).toFixed(3);
    console.log(`events ${EVENTS} on ${KEYS} keys, batches of ${BATCH}, ${ROUNDS} rounds; best round of each`);
    console.log(`raw kafkajs : ${r.eventsPerSecond} events/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
    console.log(`event bus   : ${b.eventsPerSecond} events/s, p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms`);
    console.log(`throughput ratio bus/raw: ${ratio} (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(JSON.stringify({
      events: EVENTS, keys: KEYS, batch_size: BATCH, rounds: ROUNDS,
      raw_events_per_s: r.eventsPerSecond, raw_p50_ms: r.p50Ms, raw_p99_ms: r.p99Ms,
      bus_events_per_s: b.eventsPerSecond, bus_p50_ms: b.p50Ms, bus_p99_ms: b.p99Ms,
      bus_to_raw_throughput_ratio: ratio, target_ratio: 0.5, target_met: ratio >= 0.5,
    }));
  } finally {
    await peer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
