import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { AddIncidentNoteCommand } from '../application/commands/add-incident-note/add-incident-note.command';
import { AddIncidentNoteHandler } from '../application/commands/add-incident-note/add-incident-note.handler';
import { AssignIncidentCommand } from '../application/commands/assign-incident/assign-incident.command';
import { AssignIncidentHandler } from '../application/commands/assign-incident/assign-incident.handler';
import { CancelIncidentCommand } from '../application/commands/cancel-incident/cancel-incident.command';
import { CancelIncidentHandler } from '../application/commands/cancel-incident/cancel-incident.handler';
import { ChangeIncidentImpactUrgencyCommand } from '../application/commands/change-incident-impact-urgency/change-incident-impact-urgency.command';
import { ChangeIncidentImpactUrgencyHandler } from '../application/commands/change-incident-impact-urgency/change-incident-impact-urgency.handler';
import { CloseIncidentCommand } from '../application/commands/close-incident/close-incident.command';
import { CloseIncidentHandler } from '../application/commands/close-incident/close-incident.handler';
import { DeclineMajorIncidentCommand } from '../application/commands/decline-major-incident/decline-major-incident.command';
import { DeclineMajorIncidentHandler } from '../application/commands/decline-major-incident/decline-major-incident.handler';
import { LinkIncidentCommand } from '../application/commands/link-incident/link-incident.command';
import { LinkIncidentHandler } from '../application/commands/link-incident/link-incident.handler';
import { OpenIncidentHandler } from '../application/commands/open-incident/open-incident.handler';
import { PromoteMajorIncidentCommand } from '../application/commands/promote-major-incident/promote-major-incident.command';
import { PromoteMajorIncidentHandler } from '../application/commands/promote-major-incident/promote-major-incident.handler';
import { ProposeMajorIncidentCommand } from '../application/commands/propose-major-incident/propose-major-incident.command';
import { ProposeMajorIncidentHandler } from '../application/commands/propose-major-incident/propose-major-incident.handler';
import { PutIncidentOnHoldCommand } from '../application/commands/put-incident-on-hold/put-incident-on-hold.command';
import { PutIncidentOnHoldHandler } from '../application/commands/put-incident-on-hold/put-incident-on-hold.handler';
import { ReopenIncidentCommand } from '../application/commands/reopen-incident/reopen-incident.command';
import { ReopenIncidentHandler } from '../application/commands/reopen-incident/reopen-incident.handler';
import { ResolveIncidentCommand } from '../application/commands/resolve-incident/resolve-incident.command';
import { ResolveIncidentHandler } from '../application/commands/resolve-incident/resolve-incident.handler';
import { ResumeIncidentCommand } from '../application/commands/resume-incident/resume-incident.command';
import { ResumeIncidentHandler } from '../application/commands/resume-incident/resume-incident.handler';
import { SetIncidentParentCommand } from '../application/commands/set-incident-parent/set-incident-parent.command';
import { SetIncidentParentHandler } from '../application/commands/set-incident-parent/set-incident-parent.handler';
import { StartIncidentWorkCommand } from '../application/commands/start-incident-work/start-incident-work.command';
import { StartIncidentWorkHandler } from '../application/commands/start-incident-work/start-incident-work.handler';
import { UnlinkIncidentCommand } from '../application/commands/unlink-incident/unlink-incident.command';
import { UnlinkIncidentHandler } from '../application/commands/unlink-incident/unlink-incident.handler';
import { FindIncidentQuery } from '../application/queries/find-incident/find-incident.query';
import { FindIncidentHandler } from '../application/queries/find-incident/find-incident.handler';
import { FindIncidentsQuery } from '../application/queries/find-incidents/find-incidents.query';
import { FindIncidentsHandler, MAX_PAGE_SIZE } from '../application/queries/find-incidents/find-incidents.handler';
import type { Incident } from '../domain';
import { IncidentError, IncidentErrorCode, redactFor } from '../domain';
import { level, sequenceCursor, sequencePage, toIncidentGql } from './incident-graphql.mapper';
import { incidentErrorFilter } from './incident-error.filter';
import { EVERYONE, STAFF, WORKERS } from './role-sets';
import {
  AddNoteInput,
  AssignIncidentInput,
  HoldIncidentInput,
  ImpactUrgencyInput,
  IncidentFilter,
  LinkInput,
  OpenIncidentInput,
  ProposeMajorInput,
  ReasonInput,
  ResolveIncidentInput,
  SetParentInput,
} from './incident.inputs';
import { IncidentConnectionGql, IncidentGql } from './incident.types';


/** Thin: each field builds a command or query, runs its handler, maps the result. Who may call it is declared on it. */
@Resolver(() => IncidentGql)
@UseFilters(incidentErrorFilter)
export class IncidentResolver {
  constructor(
    private readonly findIncident: FindIncidentHandler,
    private readonly findIncidents: FindIncidentsHandler,
    private readonly open: OpenIncidentHandler,
    private readonly assign: AssignIncidentHandler,
    private readonly startWork: StartIncidentWorkHandler,
    private readonly putOnHold: PutIncidentOnHoldHandler,
    private readonly resume: ResumeIncidentHandler,
    private readonly resolve: ResolveIncidentHandler,
    private readonly reopen: ReopenIncidentHandler,
    private readonly close: CloseIncidentHandler,
    private readonly cancel: CancelIncidentHandler,
    private readonly changeImpactUrgency: ChangeIncidentImpactUrgencyHandler,
    private readonly addNote: AddIncidentNoteHandler,
    private readonly link: LinkIncidentHandler,
    private readonly unlink: UnlinkIncidentHandler,
    private readonly setParent: SetIncidentParentHandler,
    private readonly proposeMajor: ProposeMajorIncidentHandler,
    private readonly promoteMajor: PromoteMajorIncidentHandler,
    private readonly declineMajor: DeclineMajorIncidentHandler,
  ) {}

  @Query(() => IncidentGql, { description: 'One incident by id or by number (exactly one of them)' })
  @Roles(...EVERYONE)
  async incident(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<IncidentGql> {
    if ((id === undefined) === (number === undefined)) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, 'give either id or number', { field: 'id' });
    }
    return toIncidentGql(await this.findIncident.execute(viewer, id !== undefined ? FindIncidentQuery.byId(id) : FindIncidentQuery.byNumber(number ?? '')));
  }

  @Query(() => IncidentConnectionGql, { description: 'Incidents the caller may see, newest first, with cursor pagination' })
  @Roles(...EVERYONE)
  async incidents(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: IncidentFilter,
  ): Promise<ConnectionOf<IncidentGql>> {
    const request = sequencePage('inc', { first, after }, MAX_PAGE_SIZE);
    const page = await this.findIncidents.execute(viewer, new FindIncidentsQuery(filter ?? {}, request.first, request.after));
    return toConnection(page, (incident) => sequenceCursor('inc', incident.number), toIncidentGql);
  }

  @ResolveReference()
  @Roles(...EVERYONE)
  async resolveReference(reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<IncidentGql> {
    return toIncidentGql(await this.findIncident.execute(viewer, FindIncidentQuery.byId(reference.id)));
  }

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
    return this.answer(viewer, this.assign.execute(viewer, new AssignIncidentCommand(input.id, input.groupId, input.assigneeId ?? null)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  startIncidentWork(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.answer(viewer, this.startWork.execute(viewer, new StartIncidentWorkCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  holdIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: HoldIncidentInput): Promise<IncidentGql> {
    return this.answer(viewer, this.putOnHold.execute(viewer, new PutIncidentOnHoldCommand(input.id, input.reason)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resumeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.answer(viewer, this.resume.execute(viewer, new ResumeIncidentCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resolveIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ResolveIncidentInput): Promise<IncidentGql> {
    return this.answer(viewer, this.resolve.execute(viewer, new ResolveIncidentCommand(input.id, input.code, input.notes)));
  }

  @Mutation(() => IncidentGql, { description: 'Rejects a resolution: back to in progress (counted)' })
  @Roles('requester', ...STAFF)
  reopenIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.answer(viewer, this.reopen.execute(viewer, new ReopenIncidentCommand(input.id, input.reason)));
  }

  @Mutation(() => IncidentGql, { description: 'Accepts a resolution; Closed is final' })
  @Roles('requester', ...STAFF)
  closeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.answer(viewer, this.close.execute(viewer, new CloseIncidentCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles('requester', ...STAFF)
  cancelIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.answer(viewer, this.cancel.execute(viewer, new CancelIncidentCommand(input.id, input.reason)));
  }

  @Mutation(() => IncidentGql, { description: 'Changes impact and urgency; the priority follows the matrix' })
  @Roles(...STAFF)
  changeIncidentImpactUrgency(@CurrentPrincipal() viewer: Principal, @Args('input') input: ImpactUrgencyInput): Promise<IncidentGql> {
    return this.answer(viewer, this.changeImpactUrgency.execute(viewer, new ChangeIncidentImpactUrgencyCommand(input.id, level(input.impact, 'impact'), level(input.urgency, 'urgency'))));
  }

  @Mutation(() => IncidentGql)
  @Roles(...EVERYONE)
  addIncidentNote(@CurrentPrincipal() viewer: Principal, @Args('input') input: AddNoteInput): Promise<IncidentGql> {
    return this.answer(viewer, this.addNote.execute(viewer, new AddIncidentNoteCommand(input.id, input.kind, input.body)));
  }

  @Mutation(() => IncidentGql, { description: 'Links a CI, service, problem or causing change' })
  @Roles(...STAFF)
  linkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return this.answer(viewer, this.link.execute(viewer, new LinkIncidentCommand(input.id, input.kind, input.targetId)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  unlinkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return this.answer(viewer, this.unlink.execute(viewer, new UnlinkIncidentCommand(input.id, input.kind, input.targetId)));
  }

  @Mutation(() => IncidentGql, { description: 'Makes the incident a child of another (resolving the parent resolves it)' })
  @Roles(...STAFF)
  setIncidentParent(@CurrentPrincipal() viewer: Principal, @Args('input') input: SetParentInput): Promise<IncidentGql> {
    return this.answer(viewer, this.setParent.execute(viewer, new SetIncidentParentCommand(input.id, input.parentId ?? null)));
  }

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  proposeMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ProposeMajorInput): Promise<IncidentGql> {
    return this.answer(viewer, this.proposeMajor.execute(viewer, new ProposeMajorIncidentCommand(input.id, input.reasons)));
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  promoteMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.answer(viewer, this.promoteMajor.execute(viewer, new PromoteMajorIncidentCommand(id)));
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  declineMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.answer(viewer, this.declineMajor.execute(viewer, new DeclineMajorIncidentCommand(input.id, input.reason)));
  }

  /** The changed incident as the caller may read it. */
  private async answer(viewer: Principal, changed: Promise<Incident>): Promise<IncidentGql> {
    return toIncidentGql(redactFor(viewer, await changed));
  }
}
