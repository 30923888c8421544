import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CancelIncidentCommand } from '../application/commands/cancel-incident/cancel-incident.command';
import { CancelIncidentHandler } from '../application/commands/cancel-incident/cancel-incident.handler';
import { CloseIncidentCommand } from '../application/commands/close-incident/close-incident.command';
import { CloseIncidentHandler } from '../application/commands/close-incident/close-incident.handler';
import { ReopenIncidentCommand } from '../application/commands/reopen-incident/reopen-incident.command';
import { ReopenIncidentHandler } from '../application/commands/reopen-incident/reopen-incident.handler';
import { ResolveIncidentCommand } from '../application/commands/resolve-incident/resolve-incident.command';
import { ResolveIncidentHandler } from '../application/commands/resolve-incident/resolve-incident.handler';
import { answerFor } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF, WORKERS } from './role-sets';
import { ReasonInput, ResolveIncidentInput } from './incident.inputs';
import { IncidentGql } from './incident.types';

/** How an incident ends: resolved, then reopened or closed by the caller; or cancelled. */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class IncidentResolutionResolver {
  constructor(
    private readonly resolve: ResolveIncidentHandler,
    private readonly reopen: ReopenIncidentHandler,
    private readonly close: CloseIncidentHandler,
    private readonly cancel: CancelIncidentHandler,
  ) {}

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resolveIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ResolveIncidentInput): Promise<IncidentGql> {
    return answerFor(viewer, this.resolve.execute(viewer, new ResolveIncidentCommand(input.id, input.code, input.notes)));
  }

  @Mutation(() => IncidentGql, { description: 'Rejects a resolution: back to in progress (counted)' })
  @Roles('requester', ...STAFF)
  reopenIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return answerFor(viewer, this.reopen.execute(viewer, new ReopenIncidentCommand(input.id, input.reason)));
  }

  @Mutation(() => IncidentGql, { description: 'Accepts a resolution; Closed is final' })
  @Roles('requester', ...STAFF)
  closeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return answerFor(viewer, this.close.execute(viewer, new CloseIncidentCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles('requester', ...STAFF)
  cancelIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return answerFor(viewer, this.cancel.execute(viewer, new CancelIncidentCommand(input.id, input.reason)));
  }
}
