import { Injectable } from '@nestjs/common';
import { canReadGroup, directoryReadScope, DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { Group } from '../../../domain';
import { GroupQueries } from '../../ports';
import type { GroupQuery } from './group.query';

/** A group by id; DIRECTORY.GROUP_NOT_FOUND when there is none or the viewer may not see it. */
@Injectable()
export class GroupHandler {
  constructor(private readonly groups: GroupQueries) {}

  async execute({ viewer, id }: GroupQuery): Promise<Group> {
    const group = await this.groups.byId(id);
    if (group === undefined || !canReadGroup(directoryReadScope(viewer), group)) {
      throw new DirectoryError(DirectoryErrorCode.GroupNotFound, `no group ${id}`, { id });
    }
    return group;
  }
}
