import { DirectoryError } from '../directory.errors';

/** The DirectoryError `fn` throws (its code and details are then asserted); fails if it throws nothing or something else. */
export function thrown(fn: () => unknown): DirectoryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DirectoryError) return error;
    throw error;
  }
  throw new Error('expected a DirectoryError, nothing was thrown');
}
