import type { DirectoryActor, PersonInput } from '../../directory-inputs';

/**
 * Replace a person's attributes (SCIM PUT, and SCIM PATCH once its operations are applied to the
 * current resource). A change of `active` publishes person-deactivated / person-reactivated.
 * DIRECTORY.CONFLICT when `expectedVersion` is given and stale (SCIM If-Match).
 */
export class ReplacePersonCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly id: string,
    readonly person: PersonInput,
    readonly expectedVersion?: number,
  ) {}
}
