import { HealthRegistry } from './health-registry';

describe('HealthRegistry', () => {
  it('is live and ready with no checks', async () => {
    const health = new HealthRegistry();
    expect(health.liveness()).toEqual({ status: 'ok' });
    expect(await health.readiness()).toEqual({ status: 'ok', checks: [] });
  });

  it('is ready only when every check passes, naming the ones that fail', async () => {
    const health = new HealthRegistry();
    health.register({ name: 'mongo', check: () => true });
    health.register({ name: 'kafka', check: () => Promise.resolve(false) });
    health.register({ name: 'smtp', check: () => Promise.reject(new Error('connection refused')) });
    health.register({
      name: 'cache',
      check: () => {
        throw new Error('sync failure');
      },
    });
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: [
        { name: 'mongo', ok: true },
        { name: 'kafka', ok: false, error: 'not ready' },
        { name: 'smtp', ok: false, error: 'connection refused' },
        { name: 'cache', ok: false, error: 'sync failure' },
      ],
    });
  });

  it('fails a check that does not answer in time', async () => {
    jest.useFakeTimers();
    try {
      const health = new HealthRegistry(2_000);
      health.register({ name: 'slow-db', check: () => new Promise<boolean>(() => undefined) });
      const readiness = health.readiness();
      await jest.advanceTimersByTimeAsync(2_000);
      expect(await readiness).toEqual({
        status: 'unavailable',
        checks: [{ name: 'slow-db', ok: false, error: 'timed out after 2000ms' }],
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses duplicate names and can unregister', async () => {
    const health = new HealthRegistry();
    const unregister = health.register({ name: 'kafka', check: () => false });
    expect(() => health.register({ name: 'kafka', check: () => true })).toThrow(/already registered/);
    unregister();
    expect((await health.readiness()).status).toBe('ok');
  });
});
