import { createBreaker } from './breaker';
import type { BreakerState } from './breaker';
import { BreakerOpenError, BreakerTimeoutError } from './breaker.errors';
import type { BreakerSettings } from './breaker-settings';

const settings: BreakerSettings = {
  name: 'supplier-api',
  timeoutMs: 100,
  errorThresholdPercentage: 50,
  volumeThreshold: 4,
  rollingCountTimeoutMs: 10_000,
  rollingCountBuckets: 10,
  resetTimeoutMs: 1_000,
};

/** An action whose outcome each test switches: resolves, rejects, or never settles. */
function fakeAction() {
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  const action = jest.fn((value: string): Promise<string> => {
    if (mode === 'fail') return Promise.reject(new Error(`down: ${value}`));
    if (mode === 'hang') return new Promise<string>(() => undefined);
    return Promise.resolve(`ok: ${value}`);
  });
  return { action, set: (m: typeof mode) => (mode = m) };
}

describe('createBreaker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes results and action errors through while closed', async () => {
    const { action, set } = fakeAction();
    const breaker = createBreaker(action, settings);
    await expect(breaker.fire('a')).resolves.toBe('ok: a');
    set('fail');
    await expect(breaker.fire('b')).rejects.toThrow('down: b');
    expect(breaker.state()).toBe('closed');
    breaker.shutdown();
  });

  it('stays closed below the volume threshold, then opens and fails fast', async () => {
    const { action, set } = fakeAction();
    const states: BreakerState[] = [];
    const breaker = createBreaker(action, settings, { onStateChange: (_name, s) => states.push(s) });
    set('fail');
    for (let i = 0; i < 3; i++) await expect(breaker.fire('x')).rejects.toThrow('down: x');
    expect(breaker.state()).toBe('closed');

    await expect(breaker.fire('x')).rejects.toThrow('down: x');
    expect(breaker.state()).toBe('open');
    expect(states).toEqual(['closed', 'open']);

    const rejection = breaker.fire('y');
    await expect(rejection).rejects.toBeInstanceOf(BreakerOpenError);
    await expect(rejection).rejects.toMatchObject({ breaker: 'supplier-api' });
    expect(action).toHaveBeenCalledTimes(4);
    breaker.shutdown();
  });

  it('goes half-open after the reset timeout, closes on a successful trial', async () => {
    const { action, set } = fakeAction();
    const states: BreakerState[] = [];
    const breaker = createBreaker(action, settings, { onStateChange: (_name, s) => states.push(s) });
    set('fail');
    for (let i = 0; i < 4; i++) await expect(breaker.fire('x')).rejects.toThrow();
    expect(breaker.state()).toBe('open');

    await jest.advanceTimersByTimeAsync(settings.resetTimeoutMs);
    expect(breaker.state()).toBe('halfOpen');

    set('ok');
    await expect(breaker.fire('trial')).resolves.toBe('ok: trial');
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual(['closed', 'open', 'halfOpen', 'closed']);
    breaker.shutdown();
  });

  it('reopens when the half-open trial fails', async () => {
    const { action, set } = fakeAction();
    const breaker = createBreaker(action, settings);
    set('fail');
    for (let i = 0; i < 4; i++) await expect(breaker.fire('x')).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(settings.resetTimeoutMs);
    await expect(breaker.fire('trial')).rejects.toThrow('down: trial');
    expect(breaker.state()).toBe('open');
    breaker.shutdown();
  });

  it('rejects a slow call with BreakerTimeoutError and counts it as a failure', async () => {
    const { action, set } = fakeAction();
    const breaker = createBreaker(action, { ...settings, volumeThreshold: 1 });
    set('hang');
    const call = breaker.fire('slow');
    const settled = expect(call).rejects.toEqual(new BreakerTimeoutError('supplier-api', 100));
    await jest.advanceTimersByTimeAsync(100);
    await settled;
    await expect(call).rejects.toBeInstanceOf(BreakerTimeoutError);
    expect(breaker.state()).toBe('open');
    breaker.shutdown();
  });

  it('does not mistake an action error coded ETIMEDOUT for its own timeout', async () => {
    const socketTimeout = Object.assign(new Error('socket timeout'), { code: 'ETIMEDOUT' });
    const breaker = createBreaker(() => Promise.reject(socketTimeout), settings);
    await expect(breaker.fire()).rejects.toBe(socketTimeout);
    breaker.shutdown();
  });

  it('fails fast after shutdown', async () => {
    const breaker = createBreaker(fakeAction().action, settings);
    breaker.shutdown();
    await expect(breaker.fire('x')).rejects.toBeInstanceOf(BreakerOpenError);
    expect(breaker.state()).toBe('open');
  });

  it.each<[Partial<BreakerSettings>, string]>([
    [{ name: ' ' }, 'name'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ errorThresholdPercentage: 0 }, 'errorThresholdPercentage'],
    [{ errorThresholdPercentage: 101 }, 'errorThresholdPercentage'],
    [{ volumeThreshold: 0 }, 'volumeThreshold'],
    [{ volumeThreshold: 1.5 }, 'volumeThreshold'],
    [{ rollingCountBuckets: 0 }, 'rollingCountBuckets'],
    [{ rollingCountTimeoutMs: 10_001 }, 'rollingCountTimeoutMs'],
    [{ resetTimeoutMs: -1 }, 'resetTimeoutMs'],
  ])('rejects %o with a RangeError naming %s', (override, field) => {
    const create = () => createBreaker(fakeAction().action, { ...settings, ...override });
    expect(create).toThrow(RangeError);
    expect(create).toThrow(`breaker ${field} must be`);
  });

  it('accepts timeoutMs false', async () => {
    const breaker = createBreaker(fakeAction().action, { ...settings, timeoutMs: false });
    await expect(breaker.fire('a')).resolves.toBe('ok: a');
    breaker.shutdown();
  });
});
