import { ManualTime } from './manual-time';
import { PeriodicJob } from './periodic-job';

const START = Date.UTC(2030, 0, 1);

function logger() {
  return { warn: jest.fn(), error: jest.fn() };
}

describe('PeriodicJob', () => {
  it('runs every interval after start, the first run one interval later', async () => {
    const time = new ManualTime(START);
    const runs: number[] = [];
    const job = new PeriodicJob({ name: 'sweep', everyMs: 1_000, run: () => runs.push(time.millis), logger: logger(), timers: time });
    job.start();
    await time.advance(999);
    expect(runs).toEqual([]);
    await time.advance(2_001);
    expect(runs).toEqual([START + 1_000, START + 2_000, START + 3_000]);
    await job.stop();
  });

  it('never overlaps runs: the next pause starts when a slow run ends', async () => {
    const time = new ManualTime(START);
    let release: () => void = () => undefined;
    let active = 0;
    let maxActive = 0;
    const starts: number[] = [];
    const run = async (): Promise<void> => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      starts.push(time.millis);
      await new Promise<void>((resolve) => (release = resolve));
      active -= 1;
    };
    const job = new PeriodicJob({ name: 'slow', everyMs: 1_000, run, logger: logger(), timers: time });
    job.start();
    await time.advance(5_000);
    expect(starts).toEqual([START + 1_000]);
    expect(job.isRunning).toBe(true);
    release();
    await time.advance(1_000);
    expect(starts).toEqual([START + 1_000, START + 6_000]);
    expect(maxActive).toBe(1);
    release();
    await job.stop();
  });

  it('logs a failed run and keeps running', async () => {
    const time = new ManualTime(START);
    const log = logger();
    let calls = 0;
    const run = (): Promise<void> => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve();
    };
    const job = new PeriodicJob({ name: 'poll', everyMs: 500, run, logger: log, timers: time, failureLevel: 'warn', failureMessage: 'poll failed; retrying' });
    job.start();
    await time.advance(1_000);
    expect(calls).toBe(2);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'store down' }) }), 'poll failed; retrying');
    expect(log.error).not.toHaveBeenCalled();
    await job.stop();
  });

  it('stop waits for the run in progress and nothing runs after it', async () => {
    const time = new ManualTime(START);
    let release: () => void = () => undefined;
    let finished = false;
    let runs = 0;
    const run = async (): Promise<void> => {
      runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    };
    const job = new PeriodicJob({ name: 'slow', everyMs: 100, run, logger: logger(), timers: time });
    job.onApplicationBootstrap();
    await time.advance(100);
    let stopped = false;
    const stopping = job.onApplicationShutdown().then(() => (stopped = true));
    await time.advance(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await time.advance(1_000);
    expect(runs).toBe(1);
    expect(time.pendingTimers).toBe(0);
  });

  it('refuses a non-positive interval', () => {
    expect(() => new PeriodicJob({ name: 'bad', everyMs: 0, run: () => undefined, logger: logger() })).toThrow(RangeError);
  });
});
