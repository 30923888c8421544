import type { DirectoryEvent } from '@itsm/platform/persistence';

/** An event of the people directory to apply to the change context's people, groups and organisations. */
export class ProjectDirectoryEventCommand {
  constructor(readonly event: DirectoryEvent) {}
}
