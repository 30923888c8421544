import type { Connection } from 'mongoose';
import { ContextConnectionCloser } from './context-persistence.module';

function connection(close: (force?: boolean) => Promise<void>): Connection {
  return { close } as unknown as Connection;
}

describe('ContextConnectionCloser', () => {
  it('closes the connection gracefully when it answers', async () => {
    const close = jest.fn((_force?: boolean) => Promise.resolve());
    await new ContextConnectionCloser(connection(close), 1_000).onApplicationShutdown();
    expect(close.mock.calls).toEqual([[]]);
  });

  it('forces the close when the server is gone and the graceful close hangs', async () => {
    const close = jest.fn((force?: boolean) => (force === true ? Promise.resolve() : new Promise<void>(() => undefined)));
    const started = Date.now();
    await new ContextConnectionCloser(connection(close), 50).onApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(500);
    expect(close.mock.calls).toEqual([[], [true]]);
  });
});
