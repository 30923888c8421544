import type { HoldReason } from '../../../domain';

/** Puts an incident on hold while it waits on the caller, a change, a problem or a vendor. */
export class PutIncidentOnHoldCommand {
  constructor(
    readonly incidentId: string,
    readonly reason: HoldReason,
  ) {}
}
