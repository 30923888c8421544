import type { Interval } from '../calendar/intervals';

/**
 * Why a planned window conflicts (ITSM-REFERENCE.md, ServiceNow's conflict types): another change
 * on the same CI or one relationship away, outside a governing maintenance window, inside a
 * blackout, or the assignee busy on another change.
 */
export const CONFLICT_KINDS = ['same_ci', 'related_ci', 'outside_maintenance_window', 'blackout', 'assignee_busy'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface ChangeConflict {
  readonly kind: ConflictKind;
  /** The change's own CI the conflict is about (null for blackout and assignee conflicts). */
  readonly ciId: string | null;
  /** For related_ci: the parent or child CI the other change is on. */
  readonly relatedCiId: string | null;
  readonly relation: 'parent' | 'child' | null;
  readonly otherChangeId: string | null;
  readonly otherChangeNumber: string | null;
  /** The maintenance window or blackout concerned. */
  readonly windowId: string | null;
  /** The part of the planned window that clashes (null: outside a maintenance window). */
  readonly overlap: Interval | null;
  /** A sentence for people. */
  readonly reason: string;
}

/** What the checks know of a CI: its class (class-wide windows) and a name for reasons. */
export interface CiFacts {
  readonly name: string;
  readonly classId: string;
}

/** One relationship away, both directions (the CMDB projection's neighbours). */
export interface CiLinks {
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

/** The change being checked: its CIs, affected services, assignee and (for a check) planned window. */
export interface ConflictSubject {
  readonly changeId: string;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly assigneeId: string | null;
}

/** The CI graph around the subject: facts for its CIs and their neighbours, links for its CIs. */
export interface ConflictGraph {
  readonly facts: ReadonlyMap<string, CiFacts>;
  readonly links: ReadonlyMap<string, CiLinks>;
}
