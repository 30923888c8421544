import type { CmdbEvent } from '../../projections/cmdb-change';

/** An event of the CMDB to apply to the change context's CIs and relationships. */
export class ProjectCmdbEventCommand {
  constructor(readonly event: CmdbEvent) {}
}
