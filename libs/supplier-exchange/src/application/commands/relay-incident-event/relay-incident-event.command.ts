import type { IncidentEvent } from '../../../domain';

/** One consumed incident event to pass on to the suppliers it concerns. */
export class RelayIncidentEventCommand {
  constructor(readonly event: IncidentEvent) {}
}
