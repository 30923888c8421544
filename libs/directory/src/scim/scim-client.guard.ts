import { createParamDecorator, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { bearerToken } from '@itsm/platform/auth';
import type { IncomingMessage } from 'node:http';
import { ProvisioningClientAuthenticator } from '../application/ports';
import type { ProvisioningClient } from '../domain';

type ScimRequest = IncomingMessage & { scimClient?: ProvisioningClient };

/** Every /scim/v2 request carries a provisioning client's bearer token (401 DIRECTORY.UNAUTHENTICATED otherwise: missing, unknown, revoked). */
@Injectable()
export class ScimClientGuard implements CanActivate {
  constructor(private readonly authenticator: ProvisioningClientAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    request.scimClient = await this.authenticator.authenticate(bearerToken(request.headers.authorization));
    return true;
  }
}

/** The provisioning client ScimClientGuard authenticated. */
export const ScimClient = createParamDecorator((_data: unknown, context: ExecutionContext): ProvisioningClient => {
  const client = context.switchToHttp().getRequest<ScimRequest>().scimClient;
  if (client === undefined) throw new Error('ScimClientGuard did not run for this route');
  return client;
});
