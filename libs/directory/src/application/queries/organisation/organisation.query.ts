import type { DirectoryViewer } from '../../../domain';

/** One organisation by id, if the viewer may see it. */
export class OrganisationQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly id: string,
  ) {}
}
