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

export interface EmbeddedMongoOptions {
  /** Defaults to a free port chosen by the kernel. */
  readonly port?: number;
  /**
   * Keeps the data in this directory (created if missing): a snapshot every `persistIntervalMs`
   * when something changed and a final one when the server stops; the next start loads it. Without
   * it the server is in memory only. One server per directory (a lock file).
   */
  readonly dataDir?: string;
  /** Default 1000: a crash of the server's process loses at most the writes of this interval. */
  readonly persistIntervalMs?: number;
  /** Deletes the snapshot in `dataDir` (with the lock held) and starts empty. */
  readonly reset?: boolean;
  /** The server's heap limit in MB (it holds everything in memory); default node's. */
  readonly heapMb?: number;
  /**
   * V8's young-generation semi-space in MB (default node's, 16). A server holding millions of
   * documents spends less CPU collecting each command's short-lived objects with a larger one
   * (bench:sla at 500,000 clocks, 64 MB: the claim round trip p50 33 -> 17 ms, its CPU 66 -> 49 %).
   */
  readonly semiSpaceMb?: number;
}

/** Exit code of the server when its snapshot cannot be loaded or its data directory is in use. */
export const EMBEDDED_MONGO_DATA_ERROR = 3;

/**
 * Starts the embedded MongoDB-wire server (CongoDB, in memory, in a child process) used by the
 * all-in-one mode when no MONGO_URL is configured, and by the tests. It enforces only `_id`
 * uniqueness, rejects string `_id`s, stores numeric `_id`s as ObjectIds and cannot roll back
 * transactions: the platform's correctness rests on single-document atomicity and ObjectId `_id`s
 * alone (INFRA.md). With `dataDir` it persists (embedded-mongo-snapshot.mjs: point-in-time, atomic
 * snapshots). The server stops when `stop()` closes its stdin or its parent dies, not on signals
 * sent to the whole process group: its final snapshot follows the parent's last write.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions | number = {}): Promise<EmbeddedMongo> {
  const settings = typeof options === 'number' ? { port: options } : options;
  const chosen = settings.port ?? (await freePort());
  const args = [join(__dirname, 'embedded-mongo-server.mjs'), String(chosen), '--managed'];
  if (settings.dataDir !== undefined) {
    args.push('--data-dir', settings.dataDir, '--persist-interval-ms', String(settings.persistIntervalMs ?? 1000));
    if (settings.reset === true) args.push('--reset');
  }
  const heap = [
    ...(settings.heapMb === undefined ? [] : [`--max-old-space-size=${settings.heapMb}`]),
    ...(settings.semiSpaceMb === undefined ? [] : [`--max-semi-space-size=${settings.semiSpaceMb}`]),
  ];
  const child = spawn(process.execPath, [...heap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded MongoDB did not start within 60 s: ${stderr}`)), 60_000);
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
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
