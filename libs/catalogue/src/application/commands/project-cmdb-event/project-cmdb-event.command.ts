import type { CmdbEvent } from '@itsm/platform/persistence';

/** Apply one CMDB event to the catalogue's CMDB projection. */
export class ProjectCmdbEventCommand {
  constructor(readonly event: CmdbEvent) {}
}
