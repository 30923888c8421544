import type { DirectoryActor, GroupInput } from '../../directory-inputs';

/** Create a group with its first members (SCIM POST /Groups, admin, demo data). */
export class CreateGroupCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly group: GroupInput,
    readonly id?: string,
  ) {}
}
