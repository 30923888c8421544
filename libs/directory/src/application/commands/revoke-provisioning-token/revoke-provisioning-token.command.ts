import type { DirectoryActor } from '../../directory-inputs';

/** An admin revokes a provisioning client's token: its next SCIM request is refused. */
export class RevokeProvisioningTokenCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly clientId: string,
  ) {}
}
