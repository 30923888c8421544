import type { SlaClockFact, SlaDay, SlaDayCell } from '../domain';

/** A stored clock fact and the version its next write must find. */
export interface StoredClock {
  readonly fact: SlaClockFact;
  readonly version: number;
  /** Days an earlier write left waiting to be marked dirty (its marking failed): a later write marks them too. */
  readonly dirtyDays: readonly number[];
}

/** A clock fact to write: new (`version` 0) or changed from `version`, with the UTC days whose compliance it changes (its stop day before and after). */
export interface ClockWrite {
  readonly fact: SlaClockFact;
  readonly version: number;
  readonly dirtyDays: readonly number[];
}

/** A written clock whose days wait to be marked dirty, cleared only if still at `version`. */
export interface PendingClock {
  readonly key: string;
  readonly version: number;
  readonly dirtyDays: readonly number[];
}

/** The clock facts (`reporting_sla_clocks`). */
export abstract class SlaClockStore {
  abstract load(keys: readonly string[]): Promise<ReadonlyMap<string, StoredClock>>;
  /** Writes each fact if still at its version (with its dirty days, in the same document); answers the keys not written (read again, retry). */
  abstract write(writes: readonly ClockWrite[]): Promise<ReadonlySet<string>>;
  /** Facts written with dirty days not yet marked on the days (a crash between the two), the oldest first. */
  abstract pending(limit: number): Promise<readonly PendingClock[]>;
  /** Clears the dirty days of those still at the version written. */
  abstract settle(clocks: readonly PendingClock[]): Promise<void>;
  /** The clocks whose latest stop is on `day`. */
  abstract stoppedOn(day: number): Promise<readonly SlaClockFact[]>;
  /**
   * The live clocks that may be breached or at risk at `now` (running with dueAt at or before it, or
   * watched: isWatchedClock), optionally only those of one segment organisation: never every live clock.
   */
  abstract standing(segmentOrgId: string | null, now: number): Promise<readonly SlaClockFact[]>;
}

/** The compliance days (`reporting_sla_days`): per UTC day its cells, a generation the database increments on each change, a dirty mark. */
export abstract class SlaDayStore {
  /** Marks the days dirty, each's generation incremented (a making that read an earlier one no longer lands). */
  abstract markDirty(days: readonly number[]): Promise<void>;
  /** Dirty days and their generation, the longest waiting first. */
  abstract dirty(limit: number): Promise<readonly { day: number; generation: number }[]>;
  /** Sets the day's cells and clears its mark if its generation is still `generation`; false otherwise. */
  abstract replace(day: number, generation: number, cells: readonly SlaDayCell[]): Promise<boolean>;
  /** The days in [fromDay, toDay] with cells, those in `withSlots` with their slots, the others their totals only. */
  abstract find(fromDay: number, toDay: number, withSlots: ReadonlySet<number>): Promise<readonly SlaDay[]>;
}
