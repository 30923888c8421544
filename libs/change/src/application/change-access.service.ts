import { Injectable } from '@nestjs/common';
import { assertMayAccess } from '../domain';
import type { Change, ChangeAccess, ChangeViewer } from '../domain';
import { People } from './ports/change-references.port';

/** The access policy with the one fact it needs from the directory projection: is the viewer in the change's group. */
@Injectable()
export class ChangeAccessService {
  constructor(private readonly people: People) {}

  async inGroup(viewer: ChangeViewer, groupId: string | null): Promise<boolean> {
    if (groupId === null || !viewer.roles.includes('implementer')) return false;
    return (await this.people.group(groupId))?.memberIds.includes(viewer.userId) ?? false;
  }

  async assert(viewer: ChangeViewer, change: Change, access: ChangeAccess): Promise<void> {
    assertMayAccess(viewer, change, access, await this.inGroup(viewer, change.assignmentGroupId));
  }
}
