import type { DayRollup, IncidentFact } from '../domain';

/** A stored fact and the version its next write must find (optimistic: one writer per incident at a time). */
export interface StoredFact {
  readonly fact: IncidentFact;
  readonly version: number;
}

/** A fact to write: new (`version` 0) or changed from `version`, with the UTC days whose rollups it changes. */
export interface FactWrite {
  readonly fact: IncidentFact;
  readonly version: number;
  /** The days of its contributions now (the facts a day's rollups are made of). */
  readonly days: readonly number[];
  /** The days whose rollups must be made again: those of its contributions before and after. */
  readonly dirtyDays: readonly number[];
}

/** A fact whose rollups wait to be made again, as read: cleared only if still at `version`. */
export interface DirtyFact {
  readonly id: string;
  readonly version: number;
  readonly dirtyDays: readonly number[];
}

/** The incident facts (`reporting_incident_facts`). */
export abstract class IncidentFactStore {
  abstract load(ids: readonly string[]): Promise<ReadonlyMap<string, StoredFact>>;
  /**
   * Writes each fact if it is still at its version (a new one if none exists), marking it dirty
   * with its dirty days in the same single-document write; answers the ids that were not written
   * (changed or created meanwhile: read again and retry).
   */
  abstract write(writes: readonly FactWrite[]): Promise<ReadonlySet<string>>;
  /** Facts marked dirty, the longest waiting first, at most `limit`. */
  abstract dirty(limit: number): Promise<readonly DirtyFact[]>;
  /** Every fact with a contribution on `day`. */
  abstract ofDay(day: number): Promise<readonly IncidentFact[]>;
  /** Clears the dirty mark of those still at the version read (a fact written since stays dirty). */
  abstract clean(facts: readonly DirtyFact[]): Promise<void>;
  /** The open incidents (the backlog), optionally of one organisation holding them. */
  abstract open(supplierOrgId: string | null): Promise<readonly IncidentFact[]>;
}

/** The day rollups (`reporting_incident_rollups`). */
export abstract class IncidentRollupStore {
  /**
   * Starts a making of `day`: its generation, greater than every earlier making's (the database
   * orders them, not clocks). With `leaseMs`, only if no other making holds the day's lease (null
   * then: another replica is making it), taking the lease for that long (released by replaceDay).
   * The lease only spares repeated work; a making's correctness rests on its generation.
   */
  abstract claimDay(day: number, leaseMs?: number): Promise<number | null>;
  /**
   * Makes `rollups` the day's whole content as making `generation` (rollups of the day not among them
   * are removed): a rollup a later making wrote is never overwritten. Answers false when a later
   * making claimed the day meanwhile (what this one wrote may stand beside it: the day must be made again).
   * Releases the day's lease when this making still holds it.
   */
  abstract replaceDay(day: number, rollups: readonly DayRollup[], generation: number): Promise<boolean>;
  /**
   * The rollups of one family (pinned values where given) over days [fromDay, toDay]: with their
   * slots on `slotDays`, with their totals only (slots empty) on the others.
   */
  abstract find(family: string, a: string | undefined, b: string | undefined, fromDay: number, toDay: number, slotDays: readonly number[]): Promise<readonly DayRollup[]>;
}
