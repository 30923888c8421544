import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expectEventually, queryShapesEnv } from '@itsm/testing';
import type { TestPeers } from '@itsm/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<number | string | null>;
  /** SIGKILL at once (a crash: nothing closes, nothing is flushed); resolves with the signal. */
  kill(): Promise<number | string | null>;
}

/**
 * The variables that move this process's clock (libfaketime: `faketime -f '+1000d' npm ...`), so a
 * started app lives at the same instant as the test that asks it about time.
 */
function sharedClock(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME'))));
}

/**
 * Starts a built app (`npm run build` output, as production runs it) as its own OS process; it
 * records its query shapes for the tier's index check.
 */
export function startApp(main: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', main)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...sharedClock(), ...queryShapesEnv(main), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Waits until a URL answers 200 (readiness); fails with the process output when it exits or times out. */
export async function waitUntilReady(url: string, app: AppProcess, timeoutMs = 60_000): Promise<void> {
  await expectEventually(
    async () => {
      if (app.child.exitCode !== null) return `exited with ${app.child.exitCode}`;
      const status = await fetch(url).then((response) => response.status, () => 0);
      if (status !== 200) throw new Error(`${url} not ready after ${timeoutMs} ms (status ${status}):\n${app.output().slice(-4000)}`);
      return 'ready';
    },
    { timeoutMs, intervalMs: 200 },
  ).then((outcome) => {
    if (outcome !== 'ready') throw new Error(`process ${outcome}:\n${app.output()}`);
  });
}

/**
 * The environment of a service process on the tier's Kafka and MongoDB peers. Every spec shares one
 * mock cluster and each context one consumer-group id, so the short session timeout is not only for
 * speed: the mock coordinator keeps a member that left (LeaveGroup) until its session times out, and
 * the next spec's process joining the same group waits for it (measured: 65 s after a member with the
 * 30 s default left, 5 s after one with 6 s; Apache Kafka removes a leaving member at once).
 */
export function peerServiceEnv(peers: TestPeers, service: { readonly port: number; readonly clientId: string; readonly dbPrefix: string }): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(service.port),
    KAFKA_BROKERS: peers.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: service.clientId,
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    MONGO_URL: peers.mongoUrl,
    MONGO_DB_PREFIX: service.dbPrefix,
  };
}
