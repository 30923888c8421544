import { createParamDecorator, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { bearerToken } from '@itsm/platform/auth';
import type { IncomingMessage } from 'node:http';
import { ProvisioningClientAuthenticator } from '../application/ports';
import type { ProvisioningClient } from '../domain';
import { scimBaseUrl } from './scim-http';

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

/** Who calls (the client ScimClientGuard authenticated), where it reached the provider, and the version it demands (If-Match). */
export interface ScimCall {
  readonly client: ProvisioningClient;
  readonly baseUrl: string;
  readonly ifMatch: string | undefined;
}

export const ScimCallContext = createParamDecorator((_data: unknown, context: ExecutionContext): ScimCall => {
  const request = context.switchToHttp().getRequest<ScimRequest>();
  if (request.scimClient === undefined) throw new Error('ScimClientGuard did not run for this route');
  const ifMatch = request.headers['if-match'];
  return { client: request.scimClient, baseUrl: scimBaseUrl(request), ifMatch: Array.isArray(ifMatch) ? ifMatch[0] : ifMatch };
});
