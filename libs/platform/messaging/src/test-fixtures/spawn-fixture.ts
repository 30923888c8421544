import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../../..');

export interface Fixture {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Runs a TypeScript fixture in its own Node process, tsx loaded in that same process (the tsx CLI
 * would add a wrapper process, and a SIGKILL would then miss the process under test).
 */
export function spawnFixture(file: string, args: unknown): Fixture {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, file), JSON.stringify(args)], { cwd: ROOT, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
