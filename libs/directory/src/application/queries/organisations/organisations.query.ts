import type { DirectoryViewer, OrganisationKind } from '../../../domain';
import type { PageArgs } from '../directory-pages';

/** What an organisation list may be narrowed by (all conditions hold together). */
export interface OrganisationFilter {
  readonly kind?: OrganisationKind;
  readonly nameContains?: string;
  readonly parentId?: string;
  readonly active?: boolean;
}

/** A page of the organisations the viewer may see, in id order. */
export class OrganisationsQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly filter: OrganisationFilter,
    readonly page: PageArgs,
  ) {}
}
