import type { DirectoryActor, PersonInput } from '../../directory-inputs';

/** Create a person (SCIM POST /Users, the admin's GraphQL mutation, demo data). DIRECTORY.UNIQUENESS when the userName is taken. */
export class CreatePersonCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly person: PersonInput,
    /** A chosen id (demo data, admin); otherwise the directory assigns one. */
    readonly id?: string,
  ) {}
}
