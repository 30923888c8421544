import type { DirectoryActor } from '../../directory-inputs';

/** An admin issues a SCIM bearer token for one identity provider; answered once, stored hashed. */
export class IssueProvisioningTokenCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly name: string,
    readonly organisationId: string | null,
  ) {}
}
