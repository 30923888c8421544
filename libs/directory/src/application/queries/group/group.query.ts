import type { DirectoryViewer } from '../../../domain';

/** One group by id, if the viewer may see it. */
export class GroupQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly id: string,
  ) {}
}
