import { Injectable } from '@nestjs/common';
import { canReadGroup, directoryReadScope, isViewer } from '../../../domain';
import type { Group } from '../../../domain';
import { GroupQueries } from '../../ports';
import type { PersonGroupsQuery } from './person-groups.query';

/** A person's groups: all of them to the person itself (`me`), else those the viewer may see. */
@Injectable()
export class PersonGroupsHandler {
  constructor(private readonly groups: GroupQueries) {}

  async execute({ viewer, person }: PersonGroupsQuery): Promise<readonly Group[]> {
    const groups = await this.groups.ofPerson(person.id);
    if (isViewer(viewer, person)) return groups;
    const scope = directoryReadScope(viewer);
    return groups.filter((group) => canReadGroup(scope, group));
  }
}
