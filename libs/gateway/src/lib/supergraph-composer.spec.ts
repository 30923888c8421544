import type { SupergraphManager } from '@apollo/gateway';
import { expectEventually } from '@itsm/testing';
import { STARTING_SUPERGRAPH_SDL } from './starting-supergraph';
import { SupergraphComposer } from './supergraph-composer';
import type { SupergraphComposerOptions } from './supergraph-composer';

type Hooks = Parameters<SupergraphManager['initialize']>[0];

const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };

/** Composition attempts that fail `failures` times, then succeed with `sdl`. */
function attempts(failures: number, sdl = 'type Query { real: Boolean }') {
  let made = 0;
  const cleanup = jest.fn(async () => undefined);
  let forward: ((sdl: string) => void) | undefined;
  const createAttempt = (): SupergraphManager => ({
    initialize: async ({ update }) => {
      made += 1;
      if (made <= failures) throw new Error(`subgraph down (${made})`);
      forward = update;
      return { supergraphSdl: sdl, cleanup };
    },
  });
  return { createAttempt, cleanup, made: () => made, poll: (next: string) => forward?.(next) };
}

function composer(overrides: Partial<SupergraphComposerOptions>): SupergraphComposer {
  return new SupergraphComposer({
    subgraphs: [{ name: 'incident', url: 'http://incident/graphql' }],
    startupWaitMs: 1_000,
    pollIntervalMs: 0,
    retry: { baseMs: 1, maxMs: 4, jitter: 0 },
    logger,
    ...overrides,
  });
}

function hooks(): Hooks & { update: jest.Mock } {
  return { update: jest.fn(), healthCheck: jest.fn(async () => undefined), getDataSource: jest.fn() } as unknown as Hooks & { update: jest.Mock };
}

describe('SupergraphComposer', () => {
  it('returns the composed supergraph when the subgraphs answer within the startup wait', async () => {
    const fake = attempts(2);
    const onStop = jest.fn();
    const subject = composer({ createAttempt: fake.createAttempt, onStop });
    const result = await subject.initialize(hooks());
    expect(result.supergraphSdl).toBe('type Query { real: Boolean }');
    expect(fake.made()).toBe(3);
    expect(subject.ready).toBe(true);

    await result.cleanup?.();
    expect(fake.cleanup).toHaveBeenCalled();
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(subject.ready).toBe(false);
  });

  it('serves the starting supergraph, then swaps in the composed one once it is applied', async () => {
    const fake = attempts(3);
    const subject = composer({ createAttempt: fake.createAttempt, startupWaitMs: 0 });
    const gateway = hooks();
    const result = await subject.initialize(gateway);
    expect(result.supergraphSdl).toBe(STARTING_SUPERGRAPH_SDL);
    expect(subject.ready).toBe(false);

    await expectEventually(() => expect(gateway.update).toHaveBeenCalledWith('type Query { real: Boolean }'));
    expect(subject.ready).toBe(true);
    expect(fake.made()).toBe(4);
    await result.cleanup?.();
  });

  it('forwards polled schema changes once ready', async () => {
    const fake = attempts(0);
    const subject = composer({ createAttempt: fake.createAttempt });
    const gateway = hooks();
    const result = await subject.initialize(gateway);
    fake.poll('type Query { changed: Boolean }');
    expect(gateway.update).toHaveBeenCalledWith('type Query { changed: Boolean }');
    await result.cleanup?.();
    fake.poll('type Query { afterStop: Boolean }');
    expect(gateway.update).toHaveBeenCalledTimes(1);
  });

  it('stops retrying when the gateway stops', async () => {
    jest.useFakeTimers();
    try {
      const fake = attempts(Number.POSITIVE_INFINITY);
      const onStop = jest.fn();
      const subject = composer({ createAttempt: fake.createAttempt, startupWaitMs: 0, retry: { baseMs: 5, maxMs: 5, jitter: 0 }, onStop });
      const gateway = hooks();
      const result = await subject.initialize(gateway);
      await jest.advanceTimersByTimeAsync(12);
      const madeBeforeStop = fake.made();
      expect(madeBeforeStop).toBeGreaterThanOrEqual(2);

      await result.cleanup?.();
      await jest.advanceTimersByTimeAsync(100);
      expect(fake.made()).toBe(madeBeforeStop);
      expect(gateway.update).not.toHaveBeenCalled();
      expect(onStop).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
