import { Injectable } from '@nestjs/common';
import { canReadGroup, canReadPerson, directoryReadScope, DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { Person } from '../../../domain';
import { GroupQueries, PeopleQueries } from '../../ports';
import type { PersonField } from '../../ports';
import { batches, idIn, MAX_LISTED_MEMBERS, storeScope } from '../directory-pages';
import type { GroupMembersQuery } from './group-members.query';

/**
 * A group's members in the order they joined, each one the viewer may see: none of a group the
 * viewer may not see or the directory does not know (an incident's assignment group of another
 * organisation), never a person of another organisation to a supplier agent. A group of more than
 * MAX_LISTED_MEMBERS is DIRECTORY.TOO_MANY: page it with `people(filter: { groupId })`.
 */
@Injectable()
export class GroupMembersHandler {
  constructor(
    private readonly groups: GroupQueries,
    private readonly people: PeopleQueries,
  ) {}

  async execute({ viewer, groupId }: GroupMembersQuery): Promise<readonly Person[]> {
    const scope = directoryReadScope(viewer);
    const group = await this.groups.byId(groupId);
    if (group === undefined || !canReadGroup(scope, group)) return [];
    if (group.memberIds.length > MAX_LISTED_MEMBERS) {
      throw new DirectoryError(DirectoryErrorCode.TooMany, `group ${groupId} has ${group.memberIds.length} members, more than ${MAX_LISTED_MEMBERS} listed at once: page them with people(filter: { groupId })`, {
        id: groupId,
        max: MAX_LISTED_MEMBERS,
      });
    }
    const byId = new Map<string, Person>();
    for (const batch of batches(group.memberIds)) {
      const found = await this.people.find(idIn<PersonField>('id', batch), { offset: 0, limit: batch.length }, storeScope(scope));
      for (const person of found.items) byId.set(person.id, person);
    }
    return group.memberIds.flatMap((id) => {
      const person = byId.get(id);
      return person !== undefined && canReadPerson(scope, person) ? [person] : [];
    });
  }
}
