import type { DirectoryViewer } from '../../../domain';

/** One person by the directory's id, if the viewer may see it. */
export class PersonQuery {
  constructor(
    readonly viewer: DirectoryViewer,
    readonly id: string,
  ) {}
}
