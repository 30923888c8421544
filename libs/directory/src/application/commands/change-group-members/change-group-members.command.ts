import type { DirectoryActor } from '../../directory-inputs';

/**
 * Add and remove members without restating the rest (SCIM PATCH add/remove on `members`, the
 * admin): cheap on a group of 100,000. Adding a member twice or removing an absent one changes nothing.
 * Every added id must name a person of the directory (DIRECTORY.PERSON_NOT_FOUND otherwise, nothing written).
 * With `expectedVersion` (SCIM If-Match) the group must still be at that version when it is written
 * (DIRECTORY.CONFLICT otherwise, nothing written).
 */
export class ChangeGroupMembersCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly id: string,
    readonly add: readonly string[],
    readonly remove: readonly string[],
    /** Other attributes changed in the same PATCH (name, ...), applied in the same write. */
    readonly rename?: string,
    /** The version the writer read (If-Match); checked on the state the write replaces. */
    readonly expectedVersion?: number,
  ) {}
}
