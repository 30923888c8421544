/** One item asking for a slot of `counter`'s window starting at `windowStart`, among its first `limit`. */
export interface SlotTake {
  readonly counter: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly itemKey: string;
  readonly limit: number;
}

/**
 * Counted slots in fixed time windows, shared by every replica (storm thresholds, rate limits):
 * `take` answers whether `itemKey` holds one of the first `limit` slots of `counter` in the window
 * starting at `windowStart`. Idempotent: the same item asks again, it gets the same answer.
 */
export abstract class WindowSlots {
  /** Each take's answer, in order; takes of one counter are taken in the order given. */
  abstract takeMany(takes: readonly SlotTake[]): Promise<boolean[]>;
  async take(counter: string, windowStart: number, windowEnd: number, itemKey: string, limit: number): Promise<boolean> {
    const [taken] = await this.takeMany([{ counter, windowStart, windowEnd, itemKey, limit }]);
    return taken === true;
  }
  /** Forgets windows that ended before `now` (housekeeping); answers how many. */
  abstract purgeEnded(now: number): Promise<number>;
}
