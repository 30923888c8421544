import { Injectable } from '@nestjs/common';
import { canReadGroup, canReadPerson, directoryReadScope, DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { DirectoryReadScope, Person } from '../../../domain';
import { GroupQueries, PeopleQueries } from '../../ports';
import type { Criterion, PersonField } from '../../ports';
import { afterId, allOf, batches, checkPageArgs, emptyPage, filterText, idIn, storeScope, toPage } from '../directory-pages';
import type { PageOf } from '../directory-pages';
import type { PeopleQuery, PersonFilter } from './people.query';

/** The filter as criteria over the store's person fields (text values checked; group membership apart). */
export function personCriteria(filter: PersonFilter): Criterion<PersonField>[] {
  const criteria: Criterion<PersonField>[] = [];
  const userName = filterText('userNameContains', filter.userNameContains);
  if (userName !== undefined) criteria.push({ field: 'userName', op: 'co', value: userName });
  const displayName = filterText('displayNameContains', filter.displayNameContains);
  if (displayName !== undefined) criteria.push({ field: 'displayName', op: 'co', value: displayName });
  const email = filterText('email', filter.email);
  if (email !== undefined) criteria.push({ field: 'email', op: 'eq', value: email });
  const organisationId = filterText('organisationId', filter.organisationId);
  if (organisationId !== undefined) criteria.push({ field: 'organisationId', op: 'eq', value: organisationId });
  if (filter.active !== undefined) criteria.push({ field: 'active', op: 'eq', value: filter.active });
  return criteria;
}

/** What the read scope adds: a requester reads only the person its subject names. */
function scopeCriteria(scope: DirectoryReadScope): Criterion<PersonField>[] {
  return scope.kind === 'self' ? [{ field: 'userName', op: 'eq', value: scope.userName }] : [];
}

/**
 * People in id order, keyset-paged: filtered, scoped to what the viewer may read (supplier agents:
 * their organisation; requesters: themselves), and for a group filter walked through the group's
 * member ids in batches so that a group of any size pages without restating it.
 */
@Injectable()
export class PeopleHandler {
  constructor(
    private readonly people: PeopleQueries,
    private readonly groups: GroupQueries,
  ) {}

  async execute({ viewer, filter, page }: PeopleQuery): Promise<PageOf<Person>> {
    checkPageArgs(page);
    const criteria = personCriteria(filter);
    const groupId = filterText('groupId', filter.groupId);
    const scope = directoryReadScope(viewer);
    if (scope.kind === 'none') return emptyPage();
    const where = [...criteria, ...scopeCriteria(scope)];
    const fetched = groupId === undefined ? await this.inOrder(where, scope, page.first, page.after) : await this.ofGroup(groupId, where, scope, page.first, page.after);
    return toPage(
      fetched.filter((person) => canReadPerson(scope, person)),
      page.first,
    );
  }

  private async inOrder(where: readonly Criterion<PersonField>[], scope: DirectoryReadScope, first: number, after: string | undefined): Promise<readonly Person[]> {
    const found = await this.people.find(allOf([...where, ...afterId<PersonField>('id', after)]), { offset: 0, limit: first + 1 }, storeScope(scope));
    return found.items;
  }

  private async ofGroup(groupId: string, where: readonly Criterion<PersonField>[], scope: DirectoryReadScope, first: number, after: string | undefined): Promise<readonly Person[]> {
    const group = await this.groups.byId(groupId);
    // A group the viewer may not see is not found (a requester sees no group).
    if (group === undefined || !canReadGroup(scope, group)) {
      throw new DirectoryError(DirectoryErrorCode.GroupNotFound, `no group ${groupId}`, { id: groupId });
    }
    const ids = [...new Set(group.memberIds)].filter((id) => after === undefined || id > after).sort();
    const collected: Person[] = [];
    for (const batch of batches(ids)) {
      const found = await this.people.find(allOf([...where, idIn<PersonField>('id', batch)]), { offset: 0, limit: first + 1 - collected.length }, storeScope(scope));
      collected.push(...found.items);
      if (collected.length > first) break;
    }
    return collected;
  }
}
