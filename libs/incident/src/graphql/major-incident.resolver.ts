import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { DeclineMajorIncidentCommand } from '../application/commands/decline-major-incident/decline-major-incident.command';
import { DeclineMajorIncidentHandler } from '../application/commands/decline-major-incident/decline-major-incident.handler';
import { PromoteMajorIncidentCommand } from '../application/commands/promote-major-incident/promote-major-incident.command';
import { PromoteMajorIncidentHandler } from '../application/commands/promote-major-incident/promote-major-incident.handler';
import { ProposeMajorIncidentCommand } from '../application/commands/propose-major-incident/propose-major-incident.command';
import { ProposeMajorIncidentHandler } from '../application/commands/propose-major-incident/propose-major-incident.handler';
import { answerFor } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF } from './role-sets';
import { ProposeMajorInput, ReasonInput } from './incident.inputs';
import { IncidentGql } from './incident.types';

/** Major incidents: staff propose, incident managers promote or decline. */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class MajorIncidentResolver {
  constructor(
    private readonly proposeMajor: ProposeMajorIncidentHandler,
    private readonly promoteMajor: PromoteMajorIncidentHandler,
    private readonly declineMajor: DeclineMajorIncidentHandler,
  ) {}

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  proposeMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ProposeMajorInput): Promise<IncidentGql> {
    return answerFor(viewer, this.proposeMajor.execute(viewer, new ProposeMajorIncidentCommand(input.id, input.reasons)));
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  promoteMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return answerFor(viewer, this.promoteMajor.execute(viewer, new PromoteMajorIncidentCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  declineMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return answerFor(viewer, this.declineMajor.execute(viewer, new DeclineMajorIncidentCommand(input.id, input.reason)));
  }
}
