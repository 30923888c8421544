import { CmdbError } from '../cmdb.errors';

/** The CmdbError `fn` throws (its code and details are then asserted); fails if it throws nothing or something else. */
export function thrown(fn: () => unknown): CmdbError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CmdbError) return error;
    throw error;
  }
  throw new Error('expected a CmdbError, nothing was thrown');
}
