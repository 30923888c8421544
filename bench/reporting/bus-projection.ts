/**
 * The bench's bus phase: the incident projection fed through the event bus on the Kafka peer (the
 * librdkafka mock cluster), as the reporting consumer is fed live or on a rebuild: the same events
 * published once, read by two consumer groups in turn, each projecting into its own database:
 * one event per call (`handle`: IncidentProjector.apply([event]), the consumers before batch
 * delivery) and runs of a partition's events (`batch`: IncidentProjector.apply(run)). The rate is
 * events over the time from the first call to the last one's return (the group join before it is
 * not the projection's). Both databases must hold the same facts: a difference fails the run.
 */
import { incidentTopic, TopicRegistry } from '@itsm/contracts';
import type { DeliveredEvent } from '@itsm/platform/messaging';
import { KafkaEventBus } from '@itsm/platform/messaging';
import { connectContext, ensureIndexes } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { IncidentFactRepository, IncidentProjector } from '@itsm/reporting';
import type { IncidentEvent } from '@itsm/reporting';
import { startKafkaPeer } from '@itsm/testing';

export type BusMode = 'one_at_a_time' | 'batch';

export interface BusPhaseFigures {
  readonly events: number;
  readonly events_per_s: Record<BusMode, number>;
  readonly calls: Record<BusMode, number>;
  readonly speedup: number;
  readonly facts_equal: boolean;
}

const CONSUMER = { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 4_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 20 };

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('bus phase: the projection did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One group's projection of the topic into its own database: its rate, its calls and the facts it made. */
async function project(brokers: string[], target: Target, mode: BusMode, subjects: readonly string[], events: number): Promise<{ perS: number; calls: number; facts: string }> {
  const connection = await connectContext({ ...target.mongo, dbPrefix: `${target.mongo.dbPrefix}_${mode}` }, 'reporting');
  const bus = new KafkaEventBus(new TopicRegistry([incidentTopic]), {
    connection: { brokers, clientId: `bench-reporting-${mode}`, ssl: false, idempotent: false },
    consumer: CONSUMER,
  });
  try {
    await ensureIndexes(connection, IncidentFactRepository.indexes);
    const facts = new IncidentFactRepository(connection);
    const projector = new IncidentProjector(facts);
    let first = 0;
    let last = 0;
    let done = 0;
    let calls = 0;
    const apply = async (run: readonly DeliveredEvent<IncidentEvent>[]): Promise<void> => {
      if (first === 0) first = performance.now();
      calls += 1;
      await projector.apply(run.map((e) => e.envelope));
      done += run.length;
      last = performance.now();
    };
    await bus.subscribe({
      group: `bench-reporting-${mode}`,
      topics: [incidentTopic.name],
      handle: (event) => apply([event]),
      ...(mode === 'batch' ? { batch: { handle: apply, maxBatch: target.maxBatch } } : {}),
    });
    await bus.start();
    await waitFor(() => done >= events, 1_800_000);
    const loaded = await facts.load(subjects);
    return { perS: Math.round(done / ((last - first) / 1000)), calls, facts: JSON.stringify(subjects.map((id) => loaded.get(id)?.fact)) };
  } finally {
    await bus.close();
    if (!target.embedded) await connection.dropDatabase();
    await connection.close();
  }
}

/** Where the two projections go: a database each under `mongo` (the embedded server's are not dropped, as the bench's own). */
export interface Target {
  readonly mongo: MongoSettings;
  readonly embedded: boolean;
  readonly maxBatch: number;
}

/** Publishes `batches` (in order, keyed by incident) to a fresh Kafka peer, then projects them both ways. */
export async function busProjectionPhase(batches: Iterable<IncidentEvent[]>, target: Target): Promise<BusPhaseFigures> {
  const peer = await startKafkaPeer();
  try {
    const publisher = new KafkaEventBus(new TopicRegistry([incidentTopic]), {
      connection: { brokers: peer.brokers, clientId: 'bench-reporting-publisher', ssl: false, idempotent: false },
    });
    let events = 0;
    const subjects = new Set<string>();
    try {
      for (const batch of batches) {
        for (const event of batch) subjects.add(event.subject);
        for (let i = 0; i < batch.length; i += 500) await publisher.publish(incidentTopic.name, batch.slice(i, i + 500));
        events += batch.length;
      }
    } finally {
      await publisher.close();
    }
    const ids = [...subjects].sort();
    const one = await project(peer.brokers, target, 'one_at_a_time', ids, events);
    const runs = await project(peer.brokers, target, 'batch', ids, events);
    return {
      events,
      events_per_s: { one_at_a_time: one.perS, batch: runs.perS },
      calls: { one_at_a_time: one.calls, batch: runs.calls },
      speedup: +(runs.perS / one.perS).toFixed(1),
      facts_equal: one.facts === runs.facts,
    };
  } finally {
    await peer.stop();
  }
}
