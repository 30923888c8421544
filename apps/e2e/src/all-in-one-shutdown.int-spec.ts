import { freePort, startEmbeddedMongo } from '@itsm/platform/persistence';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, waitUntilReady } from './test-fixtures/app-process';

/** What the all-in-one promises operators: SIGTERM ends it within 10 s, whatever state its dependencies are in. */
const SHUTDOWN_PROMISE_MS = 10_000;

describe('all-in-one shutdown', () => {
  it('exits within 10 s of SIGTERM even when its MongoDB is already gone', async () => {
    const mongo = await startEmbeddedMongo();
    const keyDir = mkdtempSync(join(tmpdir(), 'itsm-stop-'));
    const port = await freePort();
    const platform = startApp('apps/platform/src/main.js', {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MONGO_URL: mongo.url,
      AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'),
      PLATFORM_DEMO_DATA: 'false',
    });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, platform, 90_000);
      await mongo.stop();
      const signalled = Date.now();
      // Killed (SIGKILL) only if it outlives the promise by far: the assertion below then fails.
      const exit = await platform.stop(SHUTDOWN_PROMISE_MS + 5_000);
      const tookMs = Date.now() - signalled;
      expect({ exit, within: tookMs < SHUTDOWN_PROMISE_MS }).toEqual({ exit: expect.any(Number), within: true });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- platform output ---\n${platform.output().slice(-4000)}`);
    } finally {
      await platform.stop(1_000);
      await mongo.stop();
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});
