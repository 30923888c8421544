import type { DirectoryEvent } from '@itsm/platform/persistence';

/** Apply one directory event to the catalogue's directory projection. */
export class ProjectDirectoryEventCommand {
  constructor(readonly event: DirectoryEvent) {}
}
