import type { DirectoryEvent } from '../../../domain';

/** An event of the people directory to apply to this context's organisations, people and groups. */
export class ProjectDirectoryEventCommand {
  constructor(readonly event: DirectoryEvent) {}
}
