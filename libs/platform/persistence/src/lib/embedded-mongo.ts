import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
 * Starts the embedded MongoDB-wire server (CongoDB, in memory, in a child process) used by the
 * all-in-one mode when no MONGO_URL is configured, and by the tests. It enforces only `_id`
 * uniqueness, rejects string `_id`s, stores numeric `_id`s as ObjectIds and cannot roll back
 * transactions: the platform's correctness rests on single-document atomicity and ObjectId `_id`s
 * alone (INFRA.md). The server exits with its parent.
 */
export async function startEmbeddedMongo(port?: number): Promise<EmbeddedMongo> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [join(__dirname, 'embedded-mongo-server.mjs'), String(chosen)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded MongoDB did not start within 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded MongoDB exited with ${String(code)}: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('url=')) {
        clearTimeout(timer);
        resolve(line.slice(4));
      }
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
