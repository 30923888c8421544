import type { TopicDefinition } from '@itsm/contracts';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot } from './repository-root';

const ROOT = repositoryRoot();
const BINARY = join(ROOT, 'dist/tools/kafka-mock');

/**
 * The peer's `topics` entries creating each topic with its contract's partitions, as deploy/ creates
 * them: for topics whose key placement a context computes from that count (escalation timers place
 * by itsm.notification.v1's, and the notification service refuses another count).
 */
export function contractSizedTopics(...topics: readonly TopicDefinition[]): string[] {
  return topics.map((topic) => `${topic.name}:${topic.partitions}`);
}

export interface KafkaPeer {
  readonly brokers: string[];
  stop(): Promise<void>;
}

/**
 * Starts librdkafka's mock cluster (a Kafka-protocol test peer, not Apache Kafka): builds the
 * launcher when it is missing. Topics are auto-created with 4 partitions on first use.
 */
export async function startKafkaPeer({ brokers = 1, topics = [] as string[] } = {}): Promise<KafkaPeer> {
  if (!existsSync(BINARY)) {
    const build = spawnSync('bash', [join(ROOT, 'tools/kafka-mock/build.sh')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`could not build the Kafka peer:\n${build.stderr}`);
  }
  const args = ['--brokers', String(brokers), ...topics.flatMap((t) => ['--topic', t])];
  const child: ChildProcessWithoutNullStreams = spawn(BINARY, args, { stdio: 'pipe', env: realClockEnv() });
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('Kafka peer did not start within 10 s')), 10_000);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`Kafka peer exited with ${String(code)}: ${stderr}`)));
    lines.on('line', (line) => {
      const match = /^bootstrap=(.+)$/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    brokers: bootstrap.split(','),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // librdkafka's shutdown waits on timed conditions; should it ever hang, the peer is killed.
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * This process's environment without libfaketime (`npm run test:future` moves the clock of the
 * tests and the apps they start): the peer is infrastructure, and librdkafka's timed waits hang on
 * shutdown under a moved clock.
 */
function realClockEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
}
