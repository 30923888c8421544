import type { EventEnvelope } from '@itsm/contracts';

/** Something a timer key owes at an instant; `key` is unique within its timer key and stable across re-derivations. */
export interface DueItem {
  readonly key: string;
  readonly dueAt: number;
}

/**
 * A claimed item: inserting it (keyed by timer key and item key) is what makes an item fire once,
 * whichever replica or restart tries; it holds the event so a claim whose publish was interrupted
 * is published again, identical, on recovery.
 */
export interface TimerClaim {
  readonly timerKey: string;
  readonly key: string;
  readonly partition: number;
  readonly claimedAt: Date;
  readonly envelope: EventEnvelope;
}

/** The identity of one claim: its timer key and item key. */
export function claimKey(timerKey: string, key: string): string {
  return `${timerKey}\u0000${key}`;
}

/** The store port of a timer wheel: claims (insert-once) and per-partition publish checkpoints. */
export interface TimerClaimStore {
  /** Inserts each claim once; answers the claimKey()s that this call inserted. */
  claim(claims: readonly TimerClaim[]): Promise<Set<string>>;
  /** The claimed item keys per timer key of the partitions. */
  claimedKeys(partitions: readonly number[]): Promise<Map<string, Set<string>>>;
  claimedKeysOf(timerKey: string): Promise<Set<string>>;
  /** Claims of the partition made after `since`, oldest first: possibly unpublished. */
  claimedSince(partition: number, since: Date): Promise<TimerClaim[]>;
  /** Every claim of the partition made at or before this instant has been published. */
  publishedThrough(partition: number): Promise<Date>;
  /** Moves the checkpoint forward (never back). */
  setPublishedThrough(partition: number, at: Date): Promise<void>;
  /** A replica loads the partition's timers: bumps and answers its ownership epoch. */
  takeOver(partition: number): Promise<number>;
  /** The partition's ownership epoch: unchanged since a takeOver means nobody loaded it since. */
  ownershipEpoch(partition: number): Promise<number>;
}
