/*
 * What the change context knows of other contexts, from its own projections of their streams
 * (`itsm.cmdb.v1`, `itsm.directory.v1`): never a call into their code or databases. Handlers depend
 * on these abstract classes; the module binds them to the projection repositories, unit tests to
 * in-memory fakes.
 */

import type { ProjectedCi } from '@itsm/platform/persistence';

export type { CiAttributeValue } from '@itsm/platform/persistence';

/** A configuration item as the change context's CMDB projection (the platform's CmdbProjection) keeps it. */
export type CiView = ProjectedCi;

/** The CIs one relationship away from a CI, both directions. */
export interface CiNeighbours {
  /** Sources of relationships that target the CI (e.g. the application service that depends on a server). */
  readonly parents: readonly string[];
  /** Targets of relationships the CI is the source of. */
  readonly children: readonly string[];
}

export abstract class ConfigurationItems {
  /** The known CIs among `ids` (retired ones included, flagged), by id. */
  abstract find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>>;
  /** One relationship away, both directions, per CI in `ids` (an unknown CI has none). */
  abstract neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>>;

  /**
   * Per CI in `ids`, its neighbours (one relationship away, both directions) that are among
   * `others`: what a conflict check asks (are the CIs of the changes in this window related to
   * mine?), whatever the CIs' degree. A projection overrides it with a read of those
   * relationships only; this default filters `neighbours`.
   */
  async linksAmong(ids: readonly string[], others: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const near = new Set(others);
    const all = await this.neighbours(others.length === 0 ? [] : ids);
    return new Map(ids.map((id) => {
      const links = all.get(id);
      return [id, { parents: (links?.parents ?? []).filter((n) => near.has(n)), children: (links?.children ?? []).filter((n) => near.has(n)) }];
    }));
  }
}

/** A person as the change context's directory projection keeps them. */
export interface PersonView {
  readonly id: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly organisationId: string | null;
  /** Roles granted directly and through the groups the person is a member of. */
  readonly roles: readonly string[];
  readonly timeZone: string | null;
}

export interface GroupView {
  readonly id: string;
  readonly name: string;
  /** The directory's group kinds: assignment, approval, cab, on_call. */
  readonly kind: string;
  readonly organisationId: string | null;
  /** The organisation's kind (internal, customer, supplier), null when the group has none. */
  readonly organisationKind: string | null;
  /** Active members only. */
  readonly memberIds: readonly string[];
  readonly roles: readonly string[];
}

export abstract class People {
  /** The known people among `ids` (inactive ones included, flagged), by id. */
  abstract people(ids: readonly string[]): Promise<ReadonlyMap<string, PersonView>>;
  /** A live group, or undefined when unknown or deleted. */
  abstract group(id: string): Promise<GroupView | undefined>;
  /** Active people holding a role (directly or through a group), at most `limit`. */
  abstract withRole(role: string, limit: number): Promise<readonly PersonView[]>;
}
