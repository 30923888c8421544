import type { DirectoryViewer, Person } from '../../../domain';

/** The groups a person belongs to, as the viewer may see them. */
export class PersonGroupsQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly person: Pick<Person, 'id' | 'userName'>,
  ) {}
}
