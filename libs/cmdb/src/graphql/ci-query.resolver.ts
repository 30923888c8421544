import { Roles } from '@itsm/platform/auth';
import { encodeCursor, pageRequest, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf, PageRequestRules } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { CmdbIndexService } from '../application/cmdb-index.service';
import { CiRelationshipsHandler, CiRelationshipsQuery, ConfigurationItemHandler, ConfigurationItemQuery, ConfigurationItemsHandler, ConfigurationItemsQuery } from '../application/queries';
import { CmdbError, CmdbErrorCode } from '../domain';
import { CiConnectionGql, CiHistoryEntryGql, CiRelationshipGql, ConfigurationItemGql } from './cmdb.types';
import { toCiGql, toHistoryGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_READERS } from './role-sets';

/** CIs page in id order; a cursor holds the last CI id seen. */
const CI_PAGES: PageRequestRules<string> = {
  cursor: 'ci',
  maxFirst: 500,
  parseKey: (key) => (/^[0-9a-f]{24}$/.test(key) ? key : undefined),
  invalid: (field, message) => new CmdbError(CmdbErrorCode.InvalidInput, message, { field }),
};

/** Reading CIs: one, a page of them, the federation reference and the ConfigurationItem's field resolvers (history, relationships). */
@Resolver(() => ConfigurationItemGql)
@UseFilters(cmdbErrorFilter)
export class CiQueryResolver {
  constructor(
    private readonly configurationItemOf: ConfigurationItemHandler,
    private readonly configurationItemsOf: ConfigurationItemsHandler,
    private readonly relationshipsOf: CiRelationshipsHandler,
    private readonly dataModel: CmdbDataModelService,
    private readonly index: CmdbIndexService,
  ) {}

  @ResolveReference()
  @Roles(...CMDB_READERS)
  async resolveReference(reference: { id: string }): Promise<ConfigurationItemGql> {
    return toCiGql(this.dataModel.current(), await this.configurationItemOf.execute(new ConfigurationItemQuery(reference.id)));
  }

  @Query(() => ConfigurationItemGql, { description: 'A CI by id (CMDB.CI_NOT_FOUND when there is none)' })
  @Roles(...CMDB_READERS)
  async configurationItem(@Args('id', { type: () => ID }) id: string): Promise<ConfigurationItemGql> {
    return toCiGql(this.dataModel.current(), await this.configurationItemOf.execute(new ConfigurationItemQuery(id)));
  }

  @Query(() => CiConnectionGql, { description: 'CIs by class (subclasses included), state and name, in id order' })
  @Roles(...CMDB_READERS)
  async configurationItems(
    @Args('classId', { nullable: true }) classId?: string,
    @Args('state', { nullable: true, description: 'active or retired' }) state?: string,
    @Args('nameContains', { nullable: true }) nameContains?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionOf<ConfigurationItemGql>> {
    if (state !== undefined && state !== 'active' && state !== 'retired') throw new CmdbError(CmdbErrorCode.InvalidInput, `state is active or retired, not ${state}`);
    const request = pageRequest({ first, after }, CI_PAGES);
    const page = await this.configurationItemsOf.execute(new ConfigurationItemsQuery({ ...(classId ? { classId } : {}), ...(state ? { state } : {}), ...(nameContains ? { nameContains } : {}) }, request.first, request.after));
    const dataModel = this.dataModel.current();
    return toConnection(page, (ci) => encodeCursor(CI_PAGES.cursor, ci.id), (ci) => toCiGql(dataModel, ci));
  }

  @ResolveField(() => [CiHistoryEntryGql], { description: 'Every change, oldest first' })
  @Roles(...CMDB_READERS)
  async history(@Parent() ci: ConfigurationItemGql): Promise<CiHistoryEntryGql[]> {
    return toHistoryGql(await this.configurationItemOf.execute(new ConfigurationItemQuery(ci.id)));
  }

  @ResolveField(() => [CiRelationshipGql], { description: 'Active relationships, read from this CI' })
  @Roles(...CMDB_READERS)
  async relationships(@Parent() ci: ConfigurationItemGql): Promise<CiRelationshipGql[]> {
    const dataModel = this.dataModel.current();
    return (await this.relationshipsOf.execute(new CiRelationshipsQuery(ci.id))).map((r) => {
      const outbound = r.sourceId === ci.id;
      const type = dataModel.findRelationshipType(r.typeId);
      const otherCiId = outbound ? r.targetId : r.sourceId;
      return {
        id: r.id,
        typeId: r.typeId,
        direction: outbound ? 'outbound' : 'inbound',
        reading: type === undefined ? r.typeId : outbound ? type.name : type.inverseName,
        otherCiId,
        otherCiName: this.index.index.ci(otherCiId)?.name ?? null,
        source: r.source,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
      };
    });
  }
}
