/**
 * A writer process for the outbox crash test: saves counters with their events (no relay runs),
 * prints "written <id>:<sequence>..." and then waits to be killed.
 * argv[2]: JSON { mongoUrl, context, counters, increments }
 */
import { connectContext } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import { counterRepository, increment } from './probe-aggregate';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { mongoUrl: string; context: string; counters: number; increments: number };
  const connection = await connectContext({ url: args.mongoUrl, dbPrefix: 'itsm_test' }, args.context);
  const repository = counterRepository(connection);
  const written: string[] = [];
  for (let c = 0; c < args.counters; c++) {
    const id = new Types.ObjectId();
    const first = increment(id, { name: `counter-${c}`, total: 0, sequence: 0 }, 1);
    await repository.create(id, first.counter, [first.event]);
    written.push(first.event.id);
    for (let i = 1; i < args.increments; i++) {
      const loaded = await repository.load(id);
      if (loaded === undefined) throw new Error('lost the counter');
      const next = increment(id, loaded.aggregate, 1);
      await repository.save(loaded, next.counter, [next.event]);
      written.push(next.event.id);
    }
  }
  process.stdout.write(`written ${written.join(',')}\n`);
  setInterval(() => undefined, 60_000); // the relay never runs here: the test kills this process
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
