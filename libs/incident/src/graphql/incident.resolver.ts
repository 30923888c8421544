import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { OpenIncidentHandler } from '../application/commands/open-incident/open-incident.handler';
import type { IncidentCommandRequest } from '../application/commands/run-incident-command/incident-command-request';
import { RunIncidentCommandHandler } from '../application/commands/run-incident-command/run-incident-command.handler';
import { FindIncidentsHandler, MAX_PAGE_SIZE } from '../application/queries/find-incidents/find-incidents.handler';
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
    private readonly open: OpenIncidentHandler,
    private readonly commands: RunIncidentCommandHandler,
    private readonly find: FindIncidentsHandler,
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
    return toIncidentGql(id !== undefined ? await this.find.byId(viewer, id) : await this.find.byNumber(viewer, number ?? ''));
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
    const page = await this.find.list(viewer, filter ?? {}, request.first, request.after);
    return toConnection(page, (incident) => sequenceCursor('inc', incident.number), toIncidentGql);
  }

  @ResolveReference()
  @Roles(...EVERYONE)
  async resolveReference(reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<IncidentGql> {
    return toIncidentGql(await this.find.byId(viewer, reference.id));
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
    return this.run(viewer, input.id, { kind: 'assign', groupId: input.groupId, assigneeId: input.assigneeId ?? null });
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  startIncidentWork(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.run(viewer, id, { kind: 'start-work' });
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  holdIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: HoldIncidentInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'put-on-hold', reason: input.reason });
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resumeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.run(viewer, id, { kind: 'resume' });
  }

  @Mutation(() => IncidentGql)
  @Roles(...WORKERS)
  resolveIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ResolveIncidentInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'resolve', code: input.code, notes: input.notes });
  }

  @Mutation(() => IncidentGql, { description: 'Rejects a resolution: back to in progress (counted)' })
  @Roles('requester', ...STAFF)
  reopenIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'reopen', reason: input.reason });
  }

  @Mutation(() => IncidentGql, { description: 'Accepts a resolution; Closed is final' })
  @Roles('requester', ...STAFF)
  closeIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.run(viewer, id, { kind: 'close' });
  }

  @Mutation(() => IncidentGql)
  @Roles('requester', ...STAFF)
  cancelIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'cancel', reason: input.reason });
  }

  @Mutation(() => IncidentGql, { description: 'Changes impact and urgency; the priority follows the matrix' })
  @Roles(...STAFF)
  changeIncidentImpactUrgency(@CurrentPrincipal() viewer: Principal, @Args('input') input: ImpactUrgencyInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'change-impact-urgency', impact: level(input.impact, 'impact'), urgency: level(input.urgency, 'urgency') });
  }

  @Mutation(() => IncidentGql)
  @Roles(...EVERYONE)
  addIncidentNote(@CurrentPrincipal() viewer: Principal, @Args('input') input: AddNoteInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'add-note', noteKind: input.kind, body: input.body });
  }

  @Mutation(() => IncidentGql, { description: 'Links a CI, service, problem or causing change' })
  @Roles(...STAFF)
  linkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'link', linkKind: input.kind, targetId: input.targetId });
  }

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  unlinkIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: LinkInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'unlink', linkKind: input.kind, targetId: input.targetId });
  }

  @Mutation(() => IncidentGql, { description: 'Makes the incident a child of another (resolving the parent resolves it)' })
  @Roles(...STAFF)
  setIncidentParent(@CurrentPrincipal() viewer: Principal, @Args('input') input: SetParentInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'set-parent', parentId: input.parentId ?? null });
  }

  @Mutation(() => IncidentGql)
  @Roles(...STAFF)
  proposeMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ProposeMajorInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'propose-major', reasons: input.reasons });
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  promoteMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string): Promise<IncidentGql> {
    return this.run(viewer, id, { kind: 'promote-major' });
  }

  @Mutation(() => IncidentGql)
  @Roles('incident-manager', 'admin')
  declineMajorIncident(@CurrentPrincipal() viewer: Principal, @Args('input') input: ReasonInput): Promise<IncidentGql> {
    return this.run(viewer, input.id, { kind: 'decline-major', reason: input.reason });
  }

  private async run(viewer: Principal, id: string, request: IncidentCommandRequest): Promise<IncidentGql> {
    return toIncidentGql(redactFor(viewer, await this.commands.execute(viewer, id, request)));
  }
}
