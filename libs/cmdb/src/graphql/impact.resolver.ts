import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { CmdbIndexService } from '../application/cmdb-index.service';
import { ImpactAnalysisHandler, ImpactAnalysisQuery, ServiceMapHandler, ServiceMapQuery } from '../application/queries';
import { ImpactAnalysisInput } from './cmdb.inputs';
import { ImpactAnalysisGql } from './cmdb.types';
import { toImpactGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_READERS } from './role-sets';

/** Impact over the CMDB graph: what fails with (or is needed by) some CIs, and a service's map. */
@Resolver()
@UseFilters(cmdbErrorFilter)
export class ImpactResolver {
  constructor(
    private readonly impactOf: ImpactAnalysisHandler,
    private readonly serviceMapOf: ServiceMapHandler,
    private readonly dataModel: CmdbDataModelService,
    private readonly index: CmdbIndexService,
  ) {}

  @Query(() => ImpactAnalysisGql, { description: 'Downstream: what fails if these CIs fail (redundancy respected); upstream: what they need' })
  @Roles(...CMDB_READERS)
  impactAnalysis(@Args('input') input: ImpactAnalysisInput): ImpactAnalysisGql {
    const result = this.impactOf.execute(
      new ImpactAnalysisQuery({
        ciIds: input.ciIds,
        direction: input.direction as 'downstream' | 'upstream',
        maxDepth: input.maxDepth,
        ...(input.relationshipTypes ? { relationshipTypes: input.relationshipTypes } : {}),
        considerStatus: input.considerStatus,
        first: input.first,
      }),
    );
    return toImpactGql(this.dataModel.current(), this.index.index, result);
  }

  @Query(() => ImpactAnalysisGql, { description: 'A service\'s map: offerings, application services and the CIs under them (upstream)' })
  @Roles(...CMDB_READERS)
  serviceMap(
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Args('maxDepth', { type: () => Int, defaultValue: 10 }) maxDepth: number,
    @Args('first', { type: () => Int, defaultValue: 500 }) first: number,
  ): ImpactAnalysisGql {
    return toImpactGql(this.dataModel.current(), this.index.index, this.serviceMapOf.execute(new ServiceMapQuery(serviceId, maxDepth, first)));
  }
}
