import type { EventEnvelope } from '@itsm/contracts';
import type { DirectoryChange, ProjectedGroup, ProjectedOrganisation, ProjectedPerson } from './directory-record-change';

/** The event a change comes from: its stream (source + subject) and sequence make applying it idempotent. */
export type AppliedDirectoryEvent = Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>;

/** A live group with its members (person ids, in the order they were added; active or not). */
export interface ProjectedGroupWithMembers extends ProjectedGroup {
  readonly memberIds: readonly string[];
}

/**
 * A context's projection of the people directory (`itsm.directory.v1`): organisations, people and
 * groups with their members. Each change is applied at most once and never over a later event of
 * its record's stream (`duplicate` then). Deleted people and groups stay as tombstones an older
 * event cannot revive; reads leave them out. A group known only from member batches (its
 * `group-saved` not yet applied) is not live either.
 */
export abstract class DirectoryProjection {
  abstract apply(change: DirectoryChange, event: AppliedDirectoryEvent): Promise<'applied' | 'duplicate'>;
  /** The known people among `ids` (inactive ones included), by id. */
  abstract people(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>>;
  /**
   * The known people among `userNames` (compared case-insensitively; inactive ones included), by
   * lower-cased user name: for contexts whose events name people by token subject (the incident's
   * assignee, caller and actor).
   */
  abstract peopleByUserName(userNames: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>>;
  /** The live groups among `ids`, by id. */
  abstract groups(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedGroupWithMembers>>;
  abstract organisations(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedOrganisation>>;
  /** The live groups any of `personIds` is a member of, by id, at most `limit`. */
  abstract groupsOfMembers(personIds: readonly string[], limit: number): Promise<readonly ProjectedGroupWithMembers[]>;
  /** The live groups granting `role`, by id, at most `limit`. */
  abstract groupsWithRole(role: string, limit: number): Promise<readonly ProjectedGroupWithMembers[]>;
  /** The active people granted `role` directly, by id, at most `limit`. */
  abstract peopleWithRole(role: string, limit: number): Promise<readonly ProjectedPerson[]>;
}
