import { freePort } from '@itsm/platform/persistence';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './repository-root';


export interface BuiltPlatform {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  /** Its directory: the development key (key.json) and the data (data/). */
  readonly dir: string;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM to its process group (SIGKILL after 15 s), then its directory removed. */
  stop(): Promise<void>;
}

/**
 * The all-in-one as `node tools/build.mjs` built it (dist/apps/platform/src/main.js), on a free port
 * with its own development key and data directory and `env` on top, resolved once it prints its
 * GraphQL banner (rejected, with its last output, if it exits or `startBudgetMs` passes first). For
 * the browser specs and benches that drive the portal it serves.
 */
export async function startBuiltPlatform(options: { readonly env?: Readonly<Record<string, string>>; readonly startBudgetMs?: number } = {}): Promise<BuiltPlatform> {
  const root = repositoryRoot();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'itsm-platform-'));
  const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'platform', 'src', 'main.js')], {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      AUTH_DEV_KEY_FILE: join(dir, 'key.json'),
      PLATFORM_DATA_DIR: join(dir, 'data'),
      PLATFORM_MAIL_PORT: '0',
      PLATFORM_DEMO_SUPPLIER: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    const killer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
    rmSync(dir, { recursive: true, force: true });
  };
  const budget = options.startBudgetMs ?? 180_000;
  const started = Date.now();
  while (!output.includes(`GraphQL: http://localhost:${port}/graphql`)) {
    if (child.exitCode !== null || Date.now() - started > budget) {
      await stop();
      throw new Error(`the all-in-one did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin: `http://127.0.0.1:${port}`, port, dir, output: () => output, stop };
}
