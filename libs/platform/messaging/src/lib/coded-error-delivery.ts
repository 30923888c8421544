import { CodedError, isRetryableKind } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';
import { MessagingError, MessagingErrorCode } from './messaging.errors';

/**
 * Runs a consumer's handling of one event: a context's coded error whose kind no retry can cure (an
 * event the context refuses) fails it as not retryable, so it is dead-lettered at once with its
 * code; anything else (a lost concurrency race, an outage, an unexpected error) is retried.
 */
export async function consumeWithCodedErrors<C extends string>(kinds: ErrorKinds<C>, handle: () => Promise<unknown>): Promise<void> {
  try {
    await handle();
  } catch (error) {
    if (error instanceof CodedError && Object.prototype.hasOwnProperty.call(kinds, error.code) && !isRetryableKind(kinds[error.code as C])) {
      throw new MessagingError(MessagingErrorCode.HandlerFailed, `${String(error.code)}: ${error.message}`, false);
    }
    throw error;
  }
}
