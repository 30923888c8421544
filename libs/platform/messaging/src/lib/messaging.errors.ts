export enum MessagingErrorCode {
  HandlerFailed = 'MESSAGING.HANDLER_FAILED',
  SequenceGap = 'MESSAGING.SEQUENCE_GAP',
  BusClosed = 'MESSAGING.BUS_CLOSED',
  GroupAlreadySubscribed = 'MESSAGING.GROUP_ALREADY_SUBSCRIBED',
  NotStarted = 'MESSAGING.NOT_STARTED',
}

export class MessagingError extends Error {
  override readonly name = 'MessagingError';

  constructor(
    readonly code: MessagingErrorCode,
    message: string,
    /** False when retrying cannot help: the event goes straight to the dead-letter topic. */
    readonly retryable = true,
  ) {
    super(message);
  }
}

/** Handlers mark failures that no retry can cure (e.g. a domain rule refusing the event). */
export function isRetryable(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && 'retryable' in error) {
    return (error as { retryable: unknown }).retryable !== false;
  }
  return true;
}
