import { notificationTopic } from '@itsm/contracts';
import { EX_CONFIG } from '@itsm/platform/config';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually, queryShapesEnv, startKafkaPeer, testPeers } from '@itsm/testing';
import type { KafkaPeer } from '@itsm/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = 'apps/notification/src/main.js';

/** The built notification service (as production runs it) on `brokers`: its output and its exit. */
function startNotification(brokers: readonly string[], port: number, keyDir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'dist', MAIN)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      ...queryShapesEnv(MAIN),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_ID: 'escalation-partitions-spec',
      KAFKA_IDEMPOTENT: 'false',
      // The shared mock keeps a member that left until its session ends: short, as every service spec's.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      MONGO_URL: testPeers().mongoUrl,
      MONGO_DB_PREFIX: `partitions${randomUUID().slice(0, 8)}`,
      AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'),
      AUTH_ISSUER: 'itsm-spec',
      AUTH_AUDIENCE: 'itsm-spec-api',
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited, stderr: () => stderr };
}

/** Escalation timers are placed by itsm.notification.v1's contracted partitions: the service refuses a topic with another count. */
describe('the notification service and the partitions of itsm.notification.v1', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-partitions-'));
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

  it('refuses to start (exit 78, ConfigError naming topic, counts and the fix) on a topic with fewer partitions than the contract', async () => {
    // A broker of its own whose itsm.notification.v1 has 4 partitions, as an auto-created topic gets.
    const small: KafkaPeer = await startKafkaPeer({ topics: [`${notificationTopic.name}:4`] });
    try {
      const service = startNotification(small.brokers, await freePort(), keyDir);
      expect(await service.exited).toBe(EX_CONFIG);
      expect(service.stderr()).toContain(`topic ${notificationTopic.name} has 4 partitions where its contract says ${notificationTopic.partitions}`);
      expect(service.stderr()).toContain(`--alter --topic ${notificationTopic.name} --partitions ${notificationTopic.partitions}`);
    } finally {
      await small.stop();
    }
  });

  it("starts and becomes ready on a topic with the contract's count", async () => {
    const port = await freePort();
    const service = startNotification(testPeers().kafkaBrokers, port, keyDir);
    try {
      await expectEventually(
        async () => {
          expect(service.child.exitCode).toBeNull();
          expect(await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.status, () => 0)).toBe(200);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    expect(service.stderr()).not.toContain('Configuration error');
  });
});
