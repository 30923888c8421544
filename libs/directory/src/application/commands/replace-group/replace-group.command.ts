import type { DirectoryActor, GroupInput } from '../../directory-inputs';

/** Replace a group's attributes and whole member list (SCIM PUT); members added/removed travel as batches. */
export class ReplaceGroupCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly id: string,
    readonly group: GroupInput,
    readonly expectedVersion?: number,
  ) {}
}
