import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';

/** A save that did not report `saved` lost a race: PERSISTENCE.CONFLICT, so retryOnConflict decides again. */
export async function expectSaved(result: Promise<{ readonly status: string }>): Promise<void> {
  if ((await result).status !== 'saved') throw new PersistenceError(PersistenceErrorCode.Conflict, 'not saved');
}
