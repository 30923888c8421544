import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { ProvisioningClient } from '../domain';
import { ProvisioningClientAuthenticator } from './ports/directory-queries.port';
import { PROVISIONING_CLIENT_STORE } from './ports/directory-stores.port';
import type { ProvisioningClientStore } from './ports/directory-stores.port';
import { hashProvisioningToken, PROVISIONING_TOKEN_PREFIX } from './provisioning-tokens';

/** The longest token looked up (the prefix and 43 base64url characters; longer is no token of ours). */
const MAX_TOKEN_LENGTH = 200;

/** A SCIM bearer token to its provisioning client by the token's hash; none, unknown or revoked: DIRECTORY.UNAUTHENTICATED. */
@Injectable()
export class HashedTokenAuthenticator extends ProvisioningClientAuthenticator {
  constructor(@Inject(PROVISIONING_CLIENT_STORE) private readonly clients: ProvisioningClientStore) {
    super();
  }

  async authenticate(bearerToken: string | undefined): Promise<ProvisioningClient> {
    if (bearerToken === undefined || !bearerToken.startsWith(PROVISIONING_TOKEN_PREFIX) || bearerToken.length > MAX_TOKEN_LENGTH) throw unauthenticated();
    const client = await this.clients.byTokenHash(hashProvisioningToken(bearerToken));
    if (client === undefined || client.revokedAt !== null) throw unauthenticated();
    return client;
  }
}

function unauthenticated(): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.Unauthenticated, 'no valid provisioning token');
}
