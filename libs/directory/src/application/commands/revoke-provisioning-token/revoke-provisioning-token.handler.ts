import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { ProvisioningClient } from '../../../domain';
import { requireUnbound } from '../../directory-command.errors';
import { PROVISIONING_CLIENT_STORE } from '../../ports/directory-stores.port';
import type { ProvisioningClientStore } from '../../ports/directory-stores.port';
import type { RevokeProvisioningTokenCommand } from './revoke-provisioning-token.command';

/** Revokes a provisioning client's token (again: no change); its next SCIM request is DIRECTORY.UNAUTHENTICATED. */
@Injectable()
export class RevokeProvisioningTokenHandler {
  constructor(
    @Inject(PROVISIONING_CLIENT_STORE) private readonly clients: ProvisioningClientStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, clientId }: RevokeProvisioningTokenCommand): Promise<ProvisioningClient> {
    requireUnbound(actor.organisationId, 'revoke provisioning tokens');
    const client = await this.clients.revoke(clientId, this.clock.now());
    if (client === undefined) throw new DirectoryError(DirectoryErrorCode.ProvisioningClientNotFound, `no provisioning client ${clientId}`, { clientId });
    return client;
  }
}
