import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { OrganisationHandler, OrganisationQuery, OrganisationsHandler, OrganisationsQuery } from '../application/queries';
import { directoryErrorFilter } from './directory-error.filter';
import { directoryConnection, ORGANISATION_PAGES, pageArgs } from './directory-pages';
import { OrganisationConnectionGql, OrganisationFilterInput } from './directory-read.inputs';
import { toOrganisationGql } from './directory-graphql.mapper';
import { OrganisationGql } from './directory.types';
import { DIRECTORY_WORKERS } from './read-role-sets';

/** Reading organisations: a page of them and one by id. */
@Resolver(() => OrganisationGql)
@UseFilters(directoryErrorFilter)
export class OrganisationQueryResolver {
  constructor(
    private readonly organisationsOf: OrganisationsHandler,
    private readonly organisationOf: OrganisationHandler,
  ) {}

  @Query(() => OrganisationConnectionGql, { description: 'Organisations in id order you may see (supplier agents: their own)' })
  @Roles(...DIRECTORY_WORKERS)
  async organisations(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('filter', { type: () => OrganisationFilterInput, nullable: true }) filter?: OrganisationFilterInput | null,
  ): Promise<ConnectionOf<OrganisationGql>> {
    const page = await this.organisationsOf.execute(new OrganisationsQuery(viewer, filter ?? {}, pageArgs(ORGANISATION_PAGES, first, after)));
    return directoryConnection(ORGANISATION_PAGES, page, toOrganisationGql);
  }

  @Query(() => OrganisationGql, { description: 'An organisation by id (DIRECTORY.ORGANISATION_NOT_FOUND when there is none you may see)' })
  @Roles(...DIRECTORY_WORKERS)
  async organisation(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<OrganisationGql> {
    return toOrganisationGql(await this.organisationOf.execute(new OrganisationQuery(viewer, id)));
  }
}
