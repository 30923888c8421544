import type { OperationalStatus } from '../model/ci';
import type { RelationshipType } from '../model/relationship-type';

/** What the index needs to know of a relationship type to walk it. */
export type ImpactRelationshipType = Pick<RelationshipType, 'id' | 'propagation' | 'membership'>;

/**
 * How many members a redundancy group needs: `minAvailable` wins when set, else
 * `ceil(minAvailablePercent / 100 * members)`, else all members (any member down impacts the group).
 */
export interface RedundancyRule {
  readonly minAvailable: number | null;
  readonly minAvailablePercent: number | null;
}

/** The part of a CI the impact index keeps. */
export interface IndexedCi {
  readonly id: string;
  readonly classId: string;
  readonly name: string;
  readonly operationalStatus: OperationalStatus;
  /** The class is a service (business service, offering, application service). */
  readonly service: boolean;
  readonly redundancy: RedundancyRule | null;
}

export interface IndexedRelationship {
  readonly id: string;
  readonly typeId: string;
  readonly sourceId: string;
  readonly targetId: string;
}

/**
 * - `downstream`: "what fails if these fail" — impact flows along each type's propagation;
 * - `upstream`: "what these need" — the same edges read backwards, no redundancy gating.
 */
export type ImpactDirection = 'downstream' | 'upstream';

export interface ImpactQuery {
  readonly from: readonly string[];
  readonly direction: ImpactDirection;
  /** Hops; a CI at this depth is listed but not expanded. Negative or NaN counts as 0. */
  readonly maxDepth: number;
  /** Only these relationship types are walked; undefined = all. Unknown type ids match nothing. */
  readonly relationshipTypes?: readonly string[];
  /** CIs whose status is not available (isAvailable() in model/ci.ts) count as unavailable members of their groups; default true. */
  readonly considerStatus?: boolean;
  /** How many impacted CIs are listed with paths (default 1000); counts stay exact. */
  readonly limit?: number;
}

/**
 * One hop of a path. A path is the list of hops from an origin to the listed CI, so
 * `path.length === depth` (an origin itself has no path):
 *
 * - `path[0].ciId` is the origin; `path[i].ciId` is the CI the hop leaves from;
 * - the hop arrives at `path[i + 1].ciId`, or at the listed CI itself for the last step;
 * - `relationshipId` / `typeId` name the relationship crossed;
 * - `reading` says how that relationship reads in the hop's direction: `forward` when the hop goes
 *   from the relationship's source to its target (read with the type's `name`, "member of"),
 *   `inverse` when it goes from target to source (read with `inverseName`, "runs", "used by").
 *
 * E.g. downstream from server-1 where `app runs_on server-1` and `app-svc depends_on app`:
 * `[{ ciId: 'server-1', relationshipId: r1, typeId: 'runs_on', reading: 'inverse' },
 *   { ciId: 'app', relationshipId: r2, typeId: 'depends_on', reading: 'inverse' }]` on the
 * ImpactedCi `app-svc`, which reads "server-1 --(runs)--> app --(used by)--> app-svc".
 */
export interface PathStep {
  readonly ciId: string;
  readonly relationshipId: string;
  readonly typeId: string;
  readonly reading: 'forward' | 'inverse';
}

/**
 * A redundancy group's state at the end of the walk. Members are the distinct known, not retired
 * sources of walkable (type known, membership, not filtered out) relationships to the group.
 * `unavailable` / `unavailableMembers` (ids, ordinal order): members down by status (when
 * `considerStatus`), plus downstream the members whose impact reached the group (impacted members
 * at depth < maxDepth: a member at maxDepth is listed but not expanded, so it does not count).
 */
export interface RedundancyState {
  readonly members: number;
  readonly unavailable: number;
  readonly required: number;
  readonly unavailableMembers: readonly string[];
}

export interface ImpactedCi {
  readonly id: string;
  readonly classId: string;
  readonly name: string;
  /** Hops from the nearest origin (a group tipped by its members: the tipping member's depth + 1). */
  readonly depth: number;
  readonly service: boolean;
  /** See PathStep: hops from an origin to this CI, `path.length === depth`. */
  readonly path: readonly PathStep[];
  /** Set when this CI has at least one member (see RedundancyState), else null. */
  readonly redundancy: RedundancyState | null;
}

export interface RedundancyHeld {
  readonly id: string;
  readonly name: string;
  readonly redundancy: RedundancyState;
}

export interface ImpactResult {
  readonly direction: ImpactDirection;
  /** The known, distinct origins, in query order. */
  readonly origins: readonly string[];
  /** Origin ids the index does not know, or knows as retired (distinct, query order). */
  readonly unknownOrigins: readonly string[];
  /** Origins excluded; sorted by depth, then name, then id (ordinal string order); at most `limit`. */
  readonly impacted: readonly ImpactedCi[];
  /** The listed impacted CIs with service=true, same order. */
  readonly services: readonly ImpactedCi[];
  /** Exact count of impacted CIs (origins excluded), listed or not. */
  readonly totalImpacted: number;
  /** Exact count of impacted services (origins excluded), listed or not. */
  readonly totalServices: number;
  /** totalImpacted > impacted.length. */
  readonly truncated: boolean;
  /** Some CI at maxDepth had walkable edges to CIs not reached. */
  readonly depthLimitReached: boolean;
  /** Downstream: groups a member's impact reached whose redundancy held (not impacted), sorted by name then id. Upstream: empty. */
  readonly redundancyHeld: readonly RedundancyHeld[];
}
