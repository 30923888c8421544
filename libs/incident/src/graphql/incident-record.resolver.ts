import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AddIncidentNoteCommand } from '../application/commands/add-incident-note/add-incident-note.command';
import { AddIncidentNoteHandler } from '../application/commands/add-incident-note/add-incident-note.handler';
import { ChangeIncidentImpactUrgencyCommand } from '../application/commands/change-incident-impact-urgency/change-incident-impact-urgency.command';
import { ChangeIncidentImpactUrgencyHandler } from '../application/commands/change-incident-impact-urgency/change-incident-impact-urgency.handler';
import { LinkIncidentCommand } from '../application/commands/link-incident/link-incident.command';
import { LinkIncidentHandler } from '../application/commands/link-incident/link-incident.handler';
import { SetIncidentParentCommand } from '../application/commands/set-incident-parent/set-incident-parent.command';
import { SetIncidentParentHandler } from '../application/commands/set-incident-parent/set-incident-parent.handler';
import { UnlinkIncidentCommand } from '../application/commands/unlink-incident/unlink-incident.command';
import { UnlinkIncidentHandler } from '../application/commands/unlink-incident/unlink-incident.handler';
import { answerFor, level } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { EVERYONE, STAFF } from './role-sets';
import { AddNoteInput, ImpactUrgencyInput, LinkInput, SetParentInput } from './incident.inputs';
import { IncidentGql } from './incident.types';

/** The incident's record, whatever its state: impact and urgency, notes, links and its parent. */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class IncidentRecordResolver {
  constructor(
    private readonly changeImpactUrgency: ChangeIncidentImpactUrgencyHandler,
    private readonly addNote: AddIncidentNoteHandler,
    private readonly link: LinkIncidentHandler,
    private readonly unlink: UnlinkIncidentHandler,
    private readonly setParent: SetIncidentParentHandler,
  ) {}

  @Mutation(() => IncidentGql, { description: 'Changes impact and urgency; the priority follows the matrix' })
  @Roles(...STAFF)
  changeIncidentImpactUrgency(@CurrentPrincipal() viewer: Principal, @Args('input') input: ImpactUrgencyInput): Promise<IncidentGql> {
    return answerFor(viewer, this.changeImpactUrgency.execute(viewer, new ChangeIncidentImpactUrgencyCommand(input.id, level(input.impact, 'impact'), level(input.urgency, 'urgency'))));
  }

  @Mutation(() => IncidentGql)
  @Roles(...EVERYONE)
  addIncidentNote(@CurrentPrincipal() viewer: Principal, @Args('input') input: AddNoteInput): Promise<IncidentGql> {
    return answerFor(viewer, this.addNote.execute(viewer, new AddIncidentNoteCommand(input.id, input.kind, input.body)));
  }

  @Mutation(() => IncidentGql, { description: 'Links a CI, service, problem or causing change' })
  @Roles(...STAFF)
  linkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return answerFor(viewer, this.link.execute(viewer, new LinkIncidentCommand(input.id, input.kind, input.targetId)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  unlinkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return answerFor(viewer, this.unlink.execute(viewer, new UnlinkIncidentCommand(input.id, input.kind, input.targetId)));
  }

  @Mutation(() => IncidentGql, { description: 'Makes the incident a child of another (resolving the parent resolves it)' })
  @Roles(...STAFF)
  setIncidentParent(@CurrentPrincipal() viewer: Principal, @Args('input') input: SetParentInput): Promise<IncidentGql> {
    return answerFor(viewer, this.setParent.execute(viewer, new SetIncidentParentCommand(input.id, input.parentId ?? null)));
  }
}
