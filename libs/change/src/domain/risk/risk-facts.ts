/**
 * What risk rules look at, gathered by the handler from the change, the CMDB projection, the
 * calendar and the change store (the domain does no I/O). Pure data.
 */

/** A service CI among the change's CIs and services, or one relationship away from one of them. */
export interface AffectedService {
  readonly id: string;
  readonly name: string;
  /** Its `criticality` attribute, lower-cased; null when it has none. */
  readonly criticality: string | null;
  /** The change's CI it was reached from (one relationship away); null when the change names it. */
  readonly via: string | null;
}

/** A failed or backed-out change closed on one of the change's CIs. */
export interface FailedChange {
  readonly changeId: string;
  readonly number: string;
  readonly closedAt: Date;
}

export interface RiskFacts {
  /** The assessment instant (lead time counts from it). */
  readonly now: Date;
  readonly plannedStart: Date | null;
  readonly services: readonly AffectedService[];
  /** Names of the change's CIs whose maintenance windows do not cover the planned window; null when not known (no planned window). */
  readonly outsideMaintenance: readonly string[] | null;
  /** Failed and backed-out changes on its CIs closed within the longest period a rule asks about (the change itself excluded). */
  readonly failedChanges: readonly FailedChange[];
}
