import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { ProvisioningClient } from '../domain';
import { ProvisioningClientAuthenticator } from './ports/directory-queries.port';
import { PROVISIONING_CLIENT_STORE } from './ports/directory-stores.port';
import type { ProvisioningClientStore } from './ports/directory-stores.port';
import { provisioningTokens } from './provisioning-tokens';

/** A SCIM bearer token to its provisioning client by the token's hash; none, malformed, unknown or revoked: DIRECTORY.UNAUTHENTICATED. */
@Injectable()
export class HashedTokenAuthenticator extends ProvisioningClientAuthenticator {
  constructor(@Inject(PROVISIONING_CLIENT_STORE) private readonly clients: ProvisioningClientStore) {
    super();
  }

  async authenticate(bearerToken: string | undefined): Promise<ProvisioningClient> {
    const client = await provisioningTokens.authenticate(bearerToken, (hash) => this.clients.byTokenHash(hash));
    if (client === undefined) throw unauthenticated();
    return client;
  }
}

function unauthenticated(): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.Unauthenticated, 'no valid provisioning token');
}
