import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AutoCloseIncidentsCommand } from '../application/commands/auto-close-incidents/auto-close-incidents.command';
import { AutoCloseIncidentsHandler } from '../application/commands/auto-close-incidents/auto-close-incidents.handler';
import { UpdatePriorityMatrixHandler } from '../application/commands/update-priority-matrix/update-priority-matrix.handler';
import { UpsertAssignmentGroupHandler } from '../application/commands/upsert-assignment-group/upsert-assignment-group.handler';
import { UpsertOrganisationHandler } from '../application/commands/upsert-organisation/upsert-organisation.handler';
import { ReferenceDataRepository } from '../persistence/reference-data.repository';
import type { PriorityMatrixSetting } from '../persistence/reference-data.repository';
import { AssignmentGroupGql, AssignmentGroupInput, OrganisationGql, OrganisationInput, PriorityMatrixGql, PriorityMatrixInput, PriorityMatrixUpdateGql } from './reference-data.types';
import { incidentErrorFilter } from './incident-error.filter';
import { STAFF, WORKERS } from './role-sets';
import { isInternal } from '../domain';


function toMatrixGql(setting: PriorityMatrixSetting): PriorityMatrixGql {
  return { cells: setting.matrix.map((row) => [...row]), version: setting.version, updatedBy: setting.updatedBy, updatedAt: setting.updatedAt };
}

@Resolver()
@UseFilters(incidentErrorFilter)
export class ReferenceDataResolver {
  constructor(
    private readonly referenceData: ReferenceDataRepository,
    private readonly upsertOrg: UpsertOrganisationHandler,
    private readonly upsertGroup: UpsertAssignmentGroupHandler,
    private readonly matrix: UpdatePriorityMatrixHandler,
    private readonly autoClose: AutoCloseIncidentsHandler,
  ) {}

  @Query(() => [AssignmentGroupGql])
  @Roles(...WORKERS)
  async assignmentGroups(@CurrentPrincipal() viewer: Principal, @Args('orgId', { nullable: true }) orgId?: string): Promise<AssignmentGroupGql[]> {
    // A supplier agent sees its own organisation's groups only.
    const scope = isInternal(viewer) ? orgId : (viewer.orgId ?? '');
    return (await this.referenceData.listGroups(scope)).map((g) => ({ ...g, members: [...g.members] }));
  }

  @Query(() => PriorityMatrixGql)
  @Roles(...STAFF)
  async priorityMatrix(): Promise<PriorityMatrixGql> {
    return toMatrixGql(await this.referenceData.priorityMatrix());
  }

  @Mutation(() => OrganisationGql)
  @Roles('admin')
  async upsertOrganisation(@CurrentPrincipal() viewer: Principal, @Args('input') input: OrganisationInput): Promise<OrganisationGql> {
    return (await this.upsertOrg.execute(viewer, input)) as OrganisationGql;
  }

  @Mutation(() => AssignmentGroupGql)
  @Roles('admin')
  async upsertAssignmentGroup(@CurrentPrincipal() viewer: Principal, @Args('input') input: AssignmentGroupInput): Promise<AssignmentGroupGql> {
    const group = await this.upsertGroup.execute(viewer, input);
    return { ...group, members: [...group.members] };
  }

  @Mutation(() => PriorityMatrixUpdateGql)
  @Roles('admin')
  async updatePriorityMatrix(@CurrentPrincipal() viewer: Principal, @Args('input') input: PriorityMatrixInput): Promise<PriorityMatrixUpdateGql> {
    const { setting, reprioritised } = await this.matrix.execute(viewer, input);
    return { matrix: toMatrixGql(setting), reprioritised };
  }

  @Mutation(() => Int, { description: 'Runs the auto-close sweep now (it also runs on a schedule); returns how many incidents closed' })
  @Roles('admin')
  closeDueIncidents(): Promise<number> {
    return this.autoClose.execute(new AutoCloseIncidentsCommand());
  }
}
