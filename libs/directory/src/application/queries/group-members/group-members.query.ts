import type { DirectoryViewer } from '../../../domain';

/** The members of a group (by group id) as the viewer may see them. */
export class GroupMembersQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly groupId: string,
  ) {}
}
