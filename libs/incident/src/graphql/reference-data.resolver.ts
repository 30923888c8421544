import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AutoCloseIncidentsCommand } from '../application/commands/auto-close-incidents/auto-close-incidents.command';
import { AutoCloseIncidentsHandler } from '../application/commands/auto-close-incidents/auto-close-incidents.handler';
import { UpdatePriorityMatrixHandler } from '../application/commands/update-priority-matrix/update-priority-matrix.handler';
import { DirectoryProjectionRepository } from '../persistence/directory-projection.repository';
import { ReferenceDataRepository } from '../persistence/reference-data.repository';
import type { PriorityMatrixSetting } from '../persistence/reference-data.repository';
import { AssignmentGroupGql, PriorityMatrixGql, PriorityMatrixInput, PriorityMatrixUpdateGql } from './reference-data.types';
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
    private readonly directory: DirectoryProjectionRepository,
    private readonly matrix: UpdatePriorityMatrixHandler,
    private readonly autoClose: AutoCloseIncidentsHandler,
  ) {}

  @Query(() => [AssignmentGroupGql])
  @Roles(...WORKERS)
  async assignmentGroups(@CurrentPrincipal() viewer: Principal, @Args('orgId', { nullable: true }) orgId?: string): Promise<AssignmentGroupGql[]> {
    // A supplier agent sees its own organisation's groups only.
    const scope = isInternal(viewer) ? orgId : (viewer.orgId ?? '');
    return (await this.directory.listGroups(scope)).map(({ id, name, orgId, members }) => ({ id, name, orgId, members: [...members] }));
  }

  @Query(() => PriorityMatrixGql)
  @Roles(...STAFF)
  async priorityMatrix(): Promise<PriorityMatrixGql> {
    return toMatrixGql(await this.referenceData.priorityMatrix());
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
