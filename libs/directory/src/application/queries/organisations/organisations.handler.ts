import { Injectable } from '@nestjs/common';
import { canReadOrganisation, directoryReadScope, DirectoryError, DirectoryErrorCode, ORGANISATION_KINDS } from '../../../domain';
import type { Organisation } from '../../../domain';
import { OrganisationQueries } from '../../ports';
import { checkPageArgs, emptyPage, filterText, storeScope, toPage } from '../directory-pages';
import type { PageOf } from '../directory-pages';
import type { OrganisationFilter, OrganisationsQuery } from './organisations.query';

/** The filter as one test (values checked first). */
export function organisationMatcher(filter: OrganisationFilter): (organisation: Organisation) => boolean {
  if (filter.kind !== undefined && !ORGANISATION_KINDS.includes(filter.kind)) {
    throw new DirectoryError(DirectoryErrorCode.InvalidInput, `kind is one of ${ORGANISATION_KINDS.join(', ')}`, { field: 'kind' });
  }
  const name = filterText('nameContains', filter.nameContains)?.toLowerCase();
  const parentId = filterText('parentId', filter.parentId);
  return (organisation) =>
    (filter.kind === undefined || organisation.kind === filter.kind) &&
    (name === undefined || organisation.name.toLowerCase().includes(name)) &&
    (parentId === undefined || organisation.parentId === parentId) &&
    (filter.active === undefined || organisation.active === filter.active);
}

/**
 * Organisations in id order, keyset-paged. The organisation list is reference data (hundreds, not
 * millions), which the store answers whole: the filter and the page are applied here.
 */
@Injectable()
export class OrganisationsHandler {
  constructor(private readonly organisations: OrganisationQueries) {}

  async execute({ viewer, filter, page }: OrganisationsQuery): Promise<PageOf<Organisation>> {
    checkPageArgs(page);
    const matches = organisationMatcher(filter);
    const scope = directoryReadScope(viewer);
    if (scope.kind === 'none' || scope.kind === 'self') return emptyPage();
    const listed = await this.organisations.list(storeScope(scope));
    const ordered = listed
      .filter((organisation) => canReadOrganisation(scope, organisation) && matches(organisation) && (page.after === undefined || organisation.id > page.after))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return toPage(ordered.slice(0, page.first + 1), page.first);
  }
}
