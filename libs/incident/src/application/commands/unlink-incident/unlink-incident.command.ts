import type { LinkKind } from '../../../domain';

/** Removes a link of an incident. */
export class UnlinkIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly linkKind: LinkKind,
    readonly targetId: string,
  ) {}
}
