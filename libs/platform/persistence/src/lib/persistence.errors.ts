export enum PersistenceErrorCode {
  /** Another writer changed the aggregate since it was read (optimistic concurrency). */
  Conflict = 'PERSISTENCE.CONFLICT',
  AlreadyExists = 'PERSISTENCE.ALREADY_EXISTS',
  NotFound = 'PERSISTENCE.NOT_FOUND',
  /** An event arrived before the one preceding it in its stream (contiguous inboxes only). */
  SequenceGap = 'PERSISTENCE.SEQUENCE_GAP',
  InvalidEvents = 'PERSISTENCE.INVALID_EVENTS',
}

export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** Conflicts and gaps may succeed on a fresh read or later; the rest never will. */
  get retryable(): boolean {
    return this.code === PersistenceErrorCode.Conflict || this.code === PersistenceErrorCode.SequenceGap;
  }
}

/** Duplicate `_id`: MongoDB reports code 11000; the embedded CongoDB code 1 with this message. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && /duplicate key/i.test(message));
}

interface WriteErrorLike {
  readonly index: number;
  readonly code?: number;
  readonly errmsg?: string;
  readonly err?: { readonly code?: number; readonly errmsg?: string };
}

/**
 * The indexes of the operations an unordered insertMany or bulkWrite refused as duplicate keys
 * (already there): an empty set when none was. Any other write error is thrown as it came.
 */
export async function unorderedWriteDuplicates(write: (options: { ordered: false }) => Promise<unknown>): Promise<ReadonlySet<number>> {
  const present = new Set<number>();
  try {
    await write({ ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
    if (writeErrors === undefined) throw error;
    for (const e of Array.isArray(writeErrors) ? writeErrors : [writeErrors]) {
      if (!isDuplicateKeyError({ code: e.code ?? e.err?.code, message: e.errmsg ?? e.err?.errmsg })) throw error;
      present.add(e.index);
    }
  }
  return present;
}
