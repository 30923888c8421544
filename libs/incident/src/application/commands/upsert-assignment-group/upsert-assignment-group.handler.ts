import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode } from '../../../domain';
import type { AssignmentGroup } from '../../../persistence/reference-data.repository';
import { AssignmentGroups, Organisations } from '../../ports/reference-data.port';
import { REFERENCE_KEY, requireAdmin, requireName, requireValid } from '../../reference-data-rules';
import type { UpsertAssignmentGroupCommand } from './upsert-assignment-group.command';

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

@Injectable()
export class UpsertAssignmentGroupHandler {
  constructor(
    private readonly groups: AssignmentGroups,
    private readonly organisations: Organisations,
  ) {}

  async execute(viewer: Viewer, command: UpsertAssignmentGroupCommand): Promise<AssignmentGroup> {
    requireAdmin(viewer);
    requireValid(REFERENCE_KEY.test(command.id), 'id', 'a group id is 2-63 lower-case letters, digits or -');
    const name = requireName(command.name);
    requireValid(command.members.length <= 500 && command.members.every((m) => USER_ID.test(m)), 'members', 'members are at most 500 user ids');
    if (!(await this.organisations.organisation(command.orgId))) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `organisation ${command.orgId} does not exist`, { field: 'orgId' });
    }
    await this.groups.upsertGroup({ id: command.id, name, orgId: command.orgId, members: command.members });
    return { id: command.id, name, orgId: command.orgId, members: [...new Set(command.members)] };
  }
}
