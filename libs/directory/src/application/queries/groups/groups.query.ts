import type { DirectoryViewer, GroupKind } from '../../../domain';
import type { PageArgs } from '../directory-pages';

/** What a group list may be narrowed by (all conditions hold together). */
export interface GroupFilter {
  readonly kind?: GroupKind;
  readonly nameContains?: string;
  readonly organisationId?: string;
  /** Groups this person (by id) belongs to. */
  readonly memberId?: string;
}

/** A page of the groups the viewer may see, in id order. */
export class GroupsQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly filter: GroupFilter,
    readonly page: PageArgs,
  ) {}
}
