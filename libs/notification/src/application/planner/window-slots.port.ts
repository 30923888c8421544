/**
 * Counted slots in fixed time windows, shared by every replica (storm thresholds, rate limits):
 * `take` answers whether `itemKey` holds one of the first `limit` slots of `counter` in the window
 * starting at `windowStart`. Idempotent: the same item asks again, it gets the same answer.
 */
export abstract class WindowSlots {
  abstract take(counter: string, windowStart: number, windowEnd: number, itemKey: string, limit: number): Promise<boolean>;
  /** Forgets windows that ended before `now` (housekeeping); answers how many. */
  abstract purgeEnded(now: number): Promise<number>;
}
