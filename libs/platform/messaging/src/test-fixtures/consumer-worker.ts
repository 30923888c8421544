/**
 * A consumer process for the crash test: applies each probe event to the effect store (inbox
 * guarded) and prints "A" per applied and "D" per duplicate event on stdout.
 * argv[2]: JSON { brokers, mongoUrl, context, topic, group, autoCommitIntervalMs, delayMs, batch }
 * (batch: the events come in runs, applied one after another, delayMs per run).
 */
import { TopicRegistry } from '@itsm/contracts';
import { probeTopic } from '@itsm/testing';
import type { DeliveredEvent } from '../lib/event-bus';
import { KafkaEventBus } from '../lib/kafka/kafka-event-bus';
import { TEST_CONSUMER } from './buses';
import { EffectStore } from './effect-store';

interface Args {
  brokers: string[];
  mongoUrl: string;
  context: string;
  topic: string;
  group: string;
  autoCommitIntervalMs: number;
  delayMs: number;
  batch?: boolean;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  const effects = await EffectStore.open(args.mongoUrl, args.context);
  const topic = probeTopic(args.topic);
  const bus = new KafkaEventBus(new TopicRegistry([topic]), {
    connection: { brokers: args.brokers, clientId: 'crash-worker', ssl: false, idempotent: false },
    consumer: { ...TEST_CONSUMER, autoCommitIntervalMs: args.autoCommitIntervalMs, partitionsConsumedConcurrently: 4 },
  });
  const apply = async (events: readonly DeliveredEvent[]) => {
    await new Promise((resolve) => setTimeout(resolve, args.delayMs));
    for (const event of events) {
      const outcome = await effects.apply(event.envelope);
      process.stdout.write(outcome === 'applied' ? 'A\n' : 'D\n');
    }
  };
  await bus.subscribe({
    group: args.group,
    topics: [topic.name],
    handle: (event) => apply([event]),
    ...(args.batch === true ? { batch: { handle: apply } } : {}),
  });
  await bus.start();
  const stop = async () => {
    await bus.close();
    await effects.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
