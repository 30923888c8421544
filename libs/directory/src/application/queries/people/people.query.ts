import type { DirectoryViewer } from '../../../domain';
import type { PageArgs } from '../directory-pages';

/** What a people list may be narrowed by (all conditions hold together). */
export interface PersonFilter {
  readonly userNameContains?: string;
  readonly displayNameContains?: string;
  /** Any of the person's email addresses, case-insensitive. */
  readonly email?: string;
  readonly organisationId?: string;
  readonly active?: boolean;
  /** Members of this group only. */
  readonly groupId?: string;
}

/** A page of the people the viewer may see, in id order. */
export class PeopleQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly filter: PersonFilter,
    readonly page: PageArgs,
  ) {}
}
