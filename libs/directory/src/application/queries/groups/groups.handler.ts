import { Injectable } from '@nestjs/common';
import { canReadGroup, directoryReadScope, DirectoryError, DirectoryErrorCode, GROUP_KINDS } from '../../../domain';
import type { Group } from '../../../domain';
import { GroupQueries } from '../../ports';
import type { Criterion, GroupField } from '../../ports';
import { afterId, allOf, checkPageArgs, emptyPage, filterText, storeScope, toPage } from '../directory-pages';
import type { PageOf } from '../directory-pages';
import type { GroupFilter, GroupsQuery } from './groups.query';

/** The filter as criteria over the store's group fields (values checked). */
export function groupCriteria(filter: GroupFilter): Criterion<GroupField>[] {
  const criteria: Criterion<GroupField>[] = [];
  if (filter.kind !== undefined) {
    if (!GROUP_KINDS.includes(filter.kind)) throw new DirectoryError(DirectoryErrorCode.InvalidInput, `kind is one of ${GROUP_KINDS.join(', ')}`, { field: 'kind' });
    criteria.push({ field: 'kind', op: 'eq', value: filter.kind });
  }
  const name = filterText('nameContains', filter.nameContains);
  if (name !== undefined) criteria.push({ field: 'name', op: 'co', value: name });
  const organisationId = filterText('organisationId', filter.organisationId);
  if (organisationId !== undefined) criteria.push({ field: 'organisationId', op: 'eq', value: organisationId });
  const memberId = filterText('memberId', filter.memberId);
  if (memberId !== undefined) criteria.push({ field: 'memberId', op: 'eq', value: memberId });
  return criteria;
}

/** Groups in id order, keyset-paged, filtered and scoped (supplier agents: their organisation's; requesters: none). */
@Injectable()
export class GroupsHandler {
  constructor(private readonly groups: GroupQueries) {}

  async execute({ viewer, filter, page }: GroupsQuery): Promise<PageOf<Group>> {
    checkPageArgs(page);
    const criteria = groupCriteria(filter);
    const scope = directoryReadScope(viewer);
    if (scope.kind === 'none' || scope.kind === 'self') return emptyPage();
    const found = await this.groups.find(allOf([...criteria, ...afterId<GroupField>('id', page.after)]), { offset: 0, limit: page.first + 1 }, storeScope(scope));
    return toPage(
      found.items.filter((group) => canReadGroup(scope, group)),
      page.first,
    );
  }
}
