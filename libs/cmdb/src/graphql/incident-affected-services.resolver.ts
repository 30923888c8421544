import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Directive, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { CmdbIndexService } from '../application/cmdb-index.service';
import { AffectedServicesHandler } from '../application/queries/affected-services/affected-services.handler';
import { AffectedServicesQuery } from '../application/queries/affected-services/affected-services.query';
import { AffectedServiceGql, IncidentRefGql } from './cmdb.types';
import { toAffectedGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { EVERYONE } from './role-sets';

/**
 * Adds `affectedServices` to the incident service's Incident (federation): the gateway fetches the
 * incident's `configurationItemIds` from the incident subgraph (@requires), so the incident
 * subgraph keeps deciding who sees the incident at all.
 */
@Resolver(() => IncidentRefGql)
@UseFilters(cmdbErrorFilter)
export class IncidentAffectedServicesResolver {
  constructor(
    private readonly affectedServicesOf: AffectedServicesHandler,
    private readonly dataModel: CmdbDataModelService,
    private readonly index: CmdbIndexService,
  ) {}

  @ResolveReference()
  @Roles(...EVERYONE)
  resolveReference(reference: { id: string; configurationItemIds?: string[] }): IncidentRefGql {
    return { id: reference.id, configurationItemIds: reference.configurationItemIds ?? [] };
  }

  @ResolveField(() => [AffectedServiceGql], { description: 'Services affected through the incident\'s CIs (CMDB impact, redundancy respected), each with the path that explains it' })
  @Directive('@requires(fields: "configurationItemIds")')
  @Roles(...EVERYONE)
  affectedServices(@Parent() incident: IncidentRefGql): AffectedServiceGql[] {
    const ciIds = incident.configurationItemIds ?? [];
    const result = this.affectedServicesOf.execute(new AffectedServicesQuery(ciIds));
    if (result === undefined) return [];
    const dataModel = this.dataModel.current();
    const index = this.index.index;
    const direct: AffectedServiceGql[] = [];
    for (const id of result.origins) {
      const ci = index.ci(id);
      if (ci?.service) direct.push({ ciId: ci.id, classId: ci.classId, name: ci.name, depth: 0, explanation: `${ci.name} is named on the incident`, path: [] });
    }
    return [...direct, ...result.services.map((s) => toAffectedGql(dataModel, index, s))];
  }
}
