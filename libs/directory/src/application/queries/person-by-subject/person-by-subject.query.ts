import type { DirectoryViewer } from '../../../domain';

/** The person a token subject names (an incident's caller or assignee id), as the viewer may see it. */
export class PersonBySubjectQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly subject: string,
  ) {}
}
