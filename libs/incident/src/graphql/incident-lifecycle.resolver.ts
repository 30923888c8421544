import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AssignIncidentCommand } from '../application/commands/assign-incident/assign-incident.command';
import { AssignIncidentHandler } from '../application/commands/assign-incident/assign-incident.handler';
import { OpenIncidentHandler } from '../application/commands/open-incident/open-incident.handler';
import { PutIncidentOnHoldCommand } from '../application/commands/put-incident-on-hold/put-incident-on-hold.command';
import { PutIncidentOnHoldHandler } from '../application/commands/put-incident-on-hold/put-incident-on-hold.handler';
import { ResumeIncidentCommand } from '../application/commands/resume-incident/resume-incident.command';
import { ResumeIncidentHandler } from '../application/commands/resume-incident/resume-incident.handler';
import { StartIncidentWorkCommand } from '../application/commands/start-incident-work/start-incident-work.command';
import { StartIncidentWorkHandler } from '../application/commands/start-incident-work/start-incident-work.handler';
import { redactFor } from '../domain';
import { answerFor, level, toIncidentGql } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF, WORKERS } from './role-sets';
import { AssignIncidentInput, HoldIncidentInput, OpenIncidentInput } from './incident.inputs';
import { IncidentGql } from './incident.types';

/** An incident's working life up to its resolution: open, assign, start work, hold and resume. */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class IncidentLifecycleResolver {
  constructor(
    private readonly open: OpenIncidentHandler,
    private readonly assign: AssignIncidentHandler,
    private readonly startWork: StartIncidentWorkHandler,
    private readonly putOnHold: PutIncidentOnHoldHandler,
    private readonly resume: ResumeIncidentHandler,
  ) {}

  @Mutation(() => IncidentGql)
  @Roles('requester', ...STAFF)
  async openIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: OpenIncidentInput): Promise<IncidentGql> {
    const { impact, urgency, ...rest } = input;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== null));
    return toIncidentGql(redactFor(viewer, await this.open.execute(viewer, { ...defined, title: input.title, description: input.description, impact: level(impact, 'impact'), urgency: level(urgency, 'urgency') })));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  assignIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: AssignIncidentInput): Promise<IncidentGql> {
    return answerFor(viewer, this.assign.execute(viewer, new AssignIncidentCommand(input.id, input.groupId, input.assigneeId ?? null)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  startIncidentWork(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return answerFor(viewer, this.startWork.execute(viewer, new StartIncidentWorkCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  holdIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: HoldIncidentInput): Promise<IncidentGql> {
    return answerFor(viewer, this.putOnHold.execute(viewer, new PutIncidentOnHoldCommand(input.id, input.reason)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resumeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return answerFor(viewer, this.resume.execute(viewer, new ResumeIncidentCommand(id)));
  }
}
