import { ShutdownSequence } from './shutdown-sequence';

const silent = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
const never = (): Promise<void> => new Promise<void>(() => undefined);

describe('ShutdownSequence', () => {
  it('stops in the reverse order of starting', async () => {
    const stopped: string[] = [];
    const sequence = new ShutdownSequence({ deadlineMs: 1_000, stepTimeoutMs: 500, log: silent });
    for (const name of ['store', 'bus', 'app']) sequence.add(name, () => Promise.resolve(void stopped.push(name)));
    await expect(sequence.run()).resolves.toEqual({ completed: ['app', 'bus', 'store'], failed: [], abandoned: [] });
    expect(stopped).toEqual(['app', 'bus', 'store']);
  });

  it('abandons a step that never finishes (a dead database) and still runs the next', async () => {
    const sequence = new ShutdownSequence({ deadlineMs: 1_000, stepTimeoutMs: 50, log: silent });
    const closed = jest.fn(() => Promise.resolve());
    sequence.add('store', closed);
    sequence.add('app', never);
    const started = Date.now();
    await expect(sequence.run()).resolves.toEqual({ completed: ['store'], failed: [], abandoned: ['app'] });
    expect(Date.now() - started).toBeLessThan(500);
    expect(closed).toHaveBeenCalled();
  });

  it('keeps the whole sequence within its deadline, skipping what is left', async () => {
    const sequence = new ShutdownSequence({ deadlineMs: 120, stepTimeoutMs: 100, log: silent });
    for (const name of ['c', 'b', 'a']) sequence.add(name, never);
    const started = Date.now();
    const report = await sequence.run();
    expect(Date.now() - started).toBeLessThan(400);
    expect(report.completed).toEqual([]);
    expect(report.abandoned).toEqual(['a', 'b', 'c']);
  });

  it('reports a failing step and goes on', async () => {
    const sequence = new ShutdownSequence({ deadlineMs: 1_000, stepTimeoutMs: 100, log: silent });
    sequence.add('b', () => Promise.resolve());
    sequence.add('a', () => Promise.reject(new Error('refused')));
    await expect(sequence.run()).resolves.toEqual({ completed: ['b'], failed: ['a'], abandoned: [] });
  });

  it('runs once: a second signal waits for the first run', async () => {
    const step = jest.fn(() => Promise.resolve());
    const sequence = new ShutdownSequence({ deadlineMs: 1_000, stepTimeoutMs: 100, log: silent });
    sequence.add('a', step);
    await Promise.all([sequence.run(), sequence.run()]);
    expect(step).toHaveBeenCalledTimes(1);
  });
});
