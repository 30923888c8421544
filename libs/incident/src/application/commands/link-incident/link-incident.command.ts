import type { LinkKind } from '../../../domain';

/** Links a CI, a service, a problem or the change that caused the incident. */
export class LinkIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly linkKind: LinkKind,
    readonly targetId: string,
  ) {}
}
