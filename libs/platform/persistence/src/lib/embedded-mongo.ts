import { congodb } from '@push.rocks/smartmongo';
import { createServer } from 'node:net';

export interface EmbeddedMongo {
  readonly url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the embedded MongoDB-wire server (CongoDB, in memory) used by the all-in-one mode when no
 * MONGO_URL is configured, and by the tests. It enforces only `_id` uniqueness, rejects string
 * `_id`s and stores numeric `_id`s as ObjectIds, and cannot roll back transactions: the platform's
 * correctness therefore rests on single-document atomicity and ObjectId `_id`s alone (INFRA.md).
 */
export async function startEmbeddedMongo(port?: number): Promise<EmbeddedMongo> {
  const chosen = port ?? (await freePort());
  const server = new congodb.CongoServer({ host: '127.0.0.1', port: chosen });
  await server.start();
  return { url: `mongodb://127.0.0.1:${chosen}`, stop: () => server.stop() };
}
