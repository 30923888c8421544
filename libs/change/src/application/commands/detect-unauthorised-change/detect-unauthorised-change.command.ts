import type { CmdbEvent } from '../../projections/cmdb-change';

/** A CMDB update of a CI (`itsm.cmdb.ci-updated.v1`) to check against the implementing changes. */
export class DetectUnauthorisedChangeCommand {
  constructor(readonly event: Extract<CmdbEvent, { type: 'itsm.cmdb.ci-updated.v1' }>) {}
}
