import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IssueProvisioningTokenCommand, IssueProvisioningTokenHandler, RevokeProvisioningTokenCommand, RevokeProvisioningTokenHandler } from '../application/commands';
import { ProvisioningClientsHandler, ProvisioningClientsQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { toProvisioningClientGql } from './directory-graphql.mapper';
import { IssuedProvisioningTokenGql, ProvisioningClientGql } from './provisioning.types';

/** SCIM provisioning clients: issued and revoked by administrators. */
@Resolver(() => ProvisioningClientGql)
@UseFilters(directoryErrorFilter)
@Roles('admin')
export class ProvisioningClientResolver {
  constructor(
    private readonly clients: ProvisioningClientsHandler,
    private readonly issue: IssueProvisioningTokenHandler,
    private readonly revoke: RevokeProvisioningTokenHandler,
  ) {}

  @Query(() => [ProvisioningClientGql], { description: 'Every provisioning client, revoked ones included, oldest first' })
  async provisioningClients(): Promise<ProvisioningClientGql[]> {
    return (await this.clients.execute(new ProvisioningClientsQuery())).map(toProvisioningClientGql);
  }

  @Mutation(() => IssuedProvisioningTokenGql, { description: 'Issues a SCIM bearer token for an identity provider: answered once, stored hashed' })
  async issueProvisioningToken(
    @Args('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
  ): Promise<IssuedProvisioningTokenGql> {
    const issued = await this.issue.execute(new IssueProvisioningTokenCommand({ by: principal.userId }, name, organisationId ?? null));
    return { client: toProvisioningClientGql(issued.client), token: issued.token };
  }

  @Mutation(() => ProvisioningClientGql, { description: 'Revokes a provisioning client\'s token: its next SCIM request is refused' })
  async revokeProvisioningToken(@Args('clientId', { type: () => ID }) clientId: string, @CurrentPrincipal() principal: Principal): Promise<ProvisioningClientGql> {
    return toProvisioningClientGql(await this.revoke.execute(new RevokeProvisioningTokenCommand({ by: principal.userId }, clientId)));
  }
}
