import { PersistenceError, PersistenceErrorCode } from './persistence.errors';

/**
 * Runs load -> decide -> save again while the save loses an optimistic-concurrency race (someone
 * else wrote the document since it was loaded): the work is decided anew on the fresh state.
 * After `maxAttempts` lost races, throws what `exhausted` builds (the context's own conflict error).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, exhausted: () => Error, maxAttempts = 5): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof PersistenceError && error.code === PersistenceErrorCode.Conflict)) throw error;
      if (tries >= maxAttempts) throw exhausted();
    }
  }
}
