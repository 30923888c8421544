import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { IncidentError, IncidentErrorCode } from '../domain';

const MAX_ATTEMPTS = 5;

/**
 * Runs load -> decide -> save again while the save loses an optimistic-concurrency race (someone
 * else wrote the aggregate since it was loaded): the command is decided anew on the fresh state.
 */
export async function retryOnConflict<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof PersistenceError && error.code === PersistenceErrorCode.Conflict)) throw error;
      if (tries >= MAX_ATTEMPTS) throw new IncidentError(IncidentErrorCode.Conflict, `${what} is being changed by others; try again`);
    }
  }
}
