import type { DirectoryActor } from '../../directory-inputs';

/** Delete a person (SCIM DELETE): gone from the directory and its groups; tickets keep the id and user name. */
export class DeletePersonCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly id: string,
  ) {}
}
