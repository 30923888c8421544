import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode } from '../../../domain';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import type { AssignmentGroup, Organisation } from '../../../persistence/reference-data.repository';

const KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

/** Organisations and assignment groups, edited by admins (and loaded as demo data). */
@Injectable()
export class ManageReferenceDataHandler {
  constructor(private readonly referenceData: ReferenceDataRepository) {}

  async upsertOrganisation(viewer: Viewer, org: Organisation): Promise<Organisation> {
    this.requireAdmin(viewer);
    this.check(KEY.test(org.id), 'id', 'an organisation id is 2-63 lower-case letters, digits or -');
    this.check(org.name.trim().length > 0 && org.name.length <= 120, 'name', 'a name has 1 to 120 characters');
    await this.referenceData.upsertOrganisation({ ...org, name: org.name.trim() });
    return { ...org, name: org.name.trim() };
  }

  async upsertGroup(viewer: Viewer, group: AssignmentGroup): Promise<AssignmentGroup> {
    this.requireAdmin(viewer);
    this.check(KEY.test(group.id), 'id', 'a group id is 2-63 lower-case letters, digits or -');
    this.check(group.name.trim().length > 0 && group.name.length <= 120, 'name', 'a name has 1 to 120 characters');
    this.check(group.members.length <= 500 && group.members.every((m) => USER_ID.test(m)), 'members', 'members are at most 500 user ids');
    if (!(await this.referenceData.organisation(group.orgId))) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `organisation ${group.orgId} does not exist`, { field: 'orgId' });
    }
    await this.referenceData.upsertGroup({ ...group, name: group.name.trim() });
    return { ...group, name: group.name.trim(), members: [...new Set(group.members)] };
  }

  private requireAdmin(viewer: Viewer): void {
    if (!viewer.roles.includes('admin')) throw new IncidentError(IncidentErrorCode.Forbidden, 'only admins edit reference data');
  }

  private check(ok: boolean, field: string, message: string): void {
    if (!ok) throw new IncidentError(IncidentErrorCode.InvalidInput, message, { field });
  }
}
